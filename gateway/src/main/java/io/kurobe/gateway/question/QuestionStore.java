package io.kurobe.gateway.question;

import io.kurobe.gateway.auth.Caller;
import io.kurobe.gateway.db.TenantTx;
import io.kurobe.gateway.problem.ErrorCode;
import io.kurobe.gateway.problem.ProblemException;
import io.kurobe.model.Clarification;
import io.kurobe.model.EventJson;
import io.kurobe.model.Failure;
import io.kurobe.model.ModelUsage;
import io.kurobe.model.Panel;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Stage;
import io.kurobe.model.Turn;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Questions as the asking tenant sees them; every statement runs under that tenant's row-level security. */
@ApplicationScoped
public class QuestionStore {
    /** A question with its answer, if there is one yet. */
    private static final String QUESTION_WITH_ANSWER = """
            SELECT q.id, q.tenant_id, q.conversation_id, q.connection_id, q.question, q.status, q.created_at,
                   q.deadline, q.usage::text AS usage, q.clarified_by, a.sql, a.panels::text AS panels, a.error_code,
                   a.error_message, a.offline, a.answered_at, a.cached_at
            FROM questions q LEFT JOIN panels a ON a.question_id = q.id AND a.deleted_at IS NULL
            WHERE q.id = $1 AND q.deleted_at IS NULL""";

    @Inject
    TenantTx tx;

    @Inject
    QuestionsConfig config;

    /** A stored new question: its conversation and connection, and the earlier turns of that conversation. */
    public record Stored(UUID conversationId, String connectionId, List<Turn> history) {
    }

    /**
     * Stores a new question. Without a conversation id it starts a conversation of its own (with the
     * question's id, as the envelope does); with one, that conversation must be the tenant's.
     */
    public Uni<Stored> create(Caller caller, UUID id, Optional<UUID> conversationId, String connectionId,
                              String question, Instant deadline) {
        return tx.run(caller.tenantId(), connection -> conversation(connection, caller.tenantId(), id, conversationId,
                        connectionId)
                .chain(stored -> insert(connection, caller, id, stored, question, deadline).replaceWith(stored)));
    }

    /**
     * Stores the answer to a question that asked back as a new question of the same conversation and connection,
     * whose history ends with the question answered; the answered question remembers it, so it is answered once.
     */
    public Uni<Stored> answer(Caller caller, UUID id, UUID answered, String answer, Instant deadline) {
        return tx.run(caller.tenantId(), connection -> connection.preparedQuery("""
                        SELECT conversation_id, connection_id, status, clarified_by FROM questions
                        WHERE id = $1 AND deleted_at IS NULL FOR UPDATE""")
                .execute(Tuple.of(answered))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(QuestionResource.notFound(answered.toString()));
                    }
                    Row row = rows.iterator().next();
                    awaitingClarification(answered, row);
                    UUID conversationId = row.getUUID("conversation_id");
                    return history(connection, conversationId, answered)
                            .map(turns -> new Stored(conversationId, row.getString("connection_id"), turns))
                            .call(stored -> insert(connection, caller, id, stored, answer, deadline))
                            .call(() -> connection.preparedQuery(
                                            "UPDATE questions SET clarified_by = $2, updated_at = now() WHERE id = $1")
                                    .execute(Tuple.of(answered, id)));
                }));
    }

    private static void awaitingClarification(UUID answered, Row row) {
        String status = row.getString("status");
        if (!QuestionStatus.NEEDS_CLARIFICATION.name().equals(status)) {
            throw new ProblemException(ErrorCode.NOT_AWAITING_CLARIFICATION, "Question " + answered + " is " + status
                    + ", not waiting for a clarification; only a question that asked back can be answered.");
        }
        UUID by = row.getUUID("clarified_by");
        if (by != null) {
            throw new ProblemException(ErrorCode.NOT_AWAITING_CLARIFICATION, "Question " + answered
                    + " was already answered; the answer is question " + by + ".");
        }
    }

    private static Uni<RowSet<Row>> insert(SqlConnection connection, Caller caller, UUID id, Stored stored,
                                           String question, Instant deadline) {
        return connection.preparedQuery("""
                        INSERT INTO questions (id, tenant_id, conversation_id, connection_id, question, asker, deadline)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(List.of(id, caller.tenantId(), stored.conversationId(), stored.connectionId(),
                        question, caller.asker(), utc(deadline))));
    }

    private Uni<Stored> conversation(SqlConnection connection, UUID tenantId, UUID questionId,
                                     Optional<UUID> conversationId, String connectionId) {
        if (conversationId.isEmpty()) {
            return connection.preparedQuery("INSERT INTO conversations (id, tenant_id) VALUES ($1, $2)")
                    .execute(Tuple.of(questionId, tenantId))
                    .replaceWith(new Stored(questionId, connectionId, List.of()));
        }
        UUID existing = conversationId.get();
        return connection.preparedQuery("SELECT 1 FROM conversations WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(existing))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(new ProblemException(ErrorCode.CONVERSATION_NOT_FOUND,
                                "There is no conversation " + existing + " for this API key's tenant."));
                    }
                    return history(connection, existing, null)
                            .map(turns -> new Stored(existing, connectionId, turns));
                });
    }

    /**
     * The conversation's latest turns, oldest first, up to and including question {@code upTo} when given; a turn
     * that asked back carries its clarification (from its progress event, else from the answer that ended it).
     */
    private Uni<List<Turn>> history(SqlConnection connection, UUID conversationId, UUID upTo) {
        return connection.preparedQuery("""
                        SELECT q.question, a.sql, a.error_code, a.error_message, e.clarification::text AS clarification
                        FROM questions q
                        LEFT JOIN panels a ON a.question_id = q.id
                        LEFT JOIN LATERAL (SELECT clarification FROM question_events
                                           WHERE question_id = q.id AND status = 'NEEDS_CLARIFICATION'
                                           ORDER BY id DESC LIMIT 1) e ON true
                        WHERE q.conversation_id = $1 AND q.deleted_at IS NULL
                          AND ($3::uuid IS NULL OR q.created_at <= (SELECT created_at FROM questions WHERE id = $3))
                        ORDER BY q.created_at DESC LIMIT $2""")
                .execute(Tuple.from(Arrays.asList(conversationId, config.historyTurns(), upTo)))
                .map(QuestionStore::oldestFirst);
    }

    private static List<Turn> oldestFirst(RowSet<Row> rows) {
        List<Turn> turns = new ArrayList<>();
        for (Row row : rows) {
            turns.add(new Turn(row.getString("question"), row.getString("sql"), clarification(row)));
        }
        Collections.reverse(turns);
        return turns;
    }

    private static Clarification clarification(Row row) {
        String json = row.getString("clarification");
        if (json != null) {
            return EventJson.read(json, Clarification.class);
        }
        // the answer can be stored before the progress event that carries the options
        return Failure.NEEDS_CLARIFICATION.equals(row.getString("error_code"))
                ? new Clarification(row.getString("error_message"), List.of()) : null;
    }

    /** The question was stored but never reached the broker: it ends here, and says why. */
    public Uni<Void> markUnpublished(UUID tenantId, UUID id, String reason) {
        return tx.run(tenantId, connection -> connection.preparedQuery("""
                        INSERT INTO panels (tenant_id, question_id, error_code, error_message, answered_at)
                        VALUES ($1, $2, 'BROKER_UNAVAILABLE', $3, now()) ON CONFLICT (question_id) DO NOTHING""")
                .execute(Tuple.of(tenantId, id, reason))
                .chain(() -> connection.preparedQuery("UPDATE questions SET status = 'FAILED', updated_at = now() WHERE id = $1")
                        .execute(Tuple.of(id)))
                .replaceWithVoid());
    }

    public Uni<Boolean> exists(UUID tenantId, UUID id) {
        return tx.run(tenantId, connection -> connection
                .preparedQuery("SELECT 1 FROM questions WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() > 0));
    }

    public Uni<Optional<QuestionRecord>> find(UUID tenantId, UUID id) {
        return tx.run(tenantId, connection -> connection
                .preparedQuery(QUESTION_WITH_ANSWER)
                .execute(Tuple.of(id))
                .chain(rows -> rows.size() == 0
                        ? Uni.createFrom().item(Optional.<QuestionRecord>empty())
                        : withHistory(connection, rows.iterator().next()).map(Optional::of)));
    }

    private Uni<QuestionRecord> withHistory(SqlConnection connection, Row question) {
        return connection.preparedQuery("""
                        SELECT stage, status, message, elapsed_ms, clarification::text AS clarification,
                               usage::text AS usage, occurred_at
                        FROM question_events WHERE question_id = $1 ORDER BY id""")
                .execute(Tuple.of(question.getUUID("id")))
                .map(events -> record(question, events));
    }

    private static QuestionRecord record(Row q, RowSet<Row> eventRows) {
        String errorCode = q.getString("error_code");
        Failure error = errorCode == null ? null : new Failure(errorCode, q.getString("error_message"));
        String panelsJson = q.getString("panels");
        List<Panel> panels = panelsJson == null ? List.of() : List.of(EventJson.read(panelsJson, Panel[].class));
        QuestionRecord bare = new QuestionRecord(q.getUUID("id"), q.getUUID("tenant_id"), q.getUUID("conversation_id"),
                q.getString("connection_id"), q.getString("question"), QuestionStatus.valueOf(q.getString("status")),
                instant(q, "created_at"), instant(q, "deadline"), q.getString("sql"), error,
                Boolean.TRUE.equals(q.getBoolean("offline")), instant(q, "answered_at"), instant(q, "cached_at"),
                List.of(), panels,
                json(q, "usage", ModelUsage.class), q.getUUID("clarified_by"));
        List<QuestionProgress> events = new ArrayList<>();
        for (Row row : eventRows) {
            events.add(new QuestionProgress(bare.envelope(instant(row, "occurred_at")),
                    Stage.valueOf(row.getString("stage")), ProgressStatus.valueOf(row.getString("status")),
                    row.getString("message"), row.getLong("elapsed_ms"),
                    json(row, "clarification", Clarification.class), json(row, "usage", ModelUsage.class)));
        }
        return bare.withEvents(events);
    }

    public Uni<List<QuestionSummary>> recent(UUID tenantId, int limit) {
        return tx.run(tenantId, connection -> connection.preparedQuery("""
                        SELECT q.id, q.status, q.question, q.connection_id, q.conversation_id, q.created_at, a.answered_at
                        FROM questions q LEFT JOIN panels a ON a.question_id = q.id
                        WHERE q.deleted_at IS NULL ORDER BY q.created_at DESC LIMIT $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<QuestionSummary> summaries = new ArrayList<>();
                    for (Row row : rows) {
                        summaries.add(new QuestionSummary(row.getUUID("id"),
                                QuestionStatus.valueOf(row.getString("status")), row.getString("question"),
                                row.getString("connection_id"), row.getUUID("conversation_id"),
                                instant(row, "created_at"), instant(row, "answered_at")));
                    }
                    return summaries;
                }));
    }

    private static <T> T json(Row row, String column, Class<T> type) {
        String json = row.getString(column);
        return json == null ? null : EventJson.read(json, type);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
