package io.kurobe.gateway.events;

import io.kurobe.gateway.db.TenantTx;
import io.kurobe.model.EventJson;
import io.kurobe.model.Failure;
import io.kurobe.model.ModelUsage;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes what the pipeline reported. Every write is idempotent: a redelivered progress event hits
 * the unique (question, stage, status), and a question holds one answer (unique question id).
 */
@ApplicationScoped
public class EventStore {
    @Inject
    Pool pool;

    @Inject
    TenantTx tx;

    /**
     * The tenant that owns a question, whatever the event's envelope says (a stage that could not
     * read its record reports tenant "unknown"). Empty for questions not asked through a gateway.
     */
    public Uni<Optional<UUID>> tenantOf(UUID questionId) {
        return pool.preparedQuery("SELECT kurobe_question_tenant($1) AS tenant_id")
                .execute(Tuple.of(questionId))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getUUID("tenant_id")));
    }

    /**
     * Stores a progress event once, moves the question's status forward and adds the event's model usage to the
     * question's totals; true if it was new.
     */
    public Uni<Boolean> recordProgress(UUID tenantId, UUID questionId, QuestionProgress event) {
        String clarification = event.clarification() == null ? null : EventJson.write(event.clarification());
        String usage = event.usage() == null ? null : EventJson.write(event.usage());
        return tx.run(tenantId, connection -> connection.preparedQuery("""
                        INSERT INTO question_events
                            (tenant_id, question_id, stage, status, message, elapsed_ms, clarification, usage, occurred_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb, $9)
                        ON CONFLICT (question_id, stage, status) DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(tenantId, questionId, event.stage().name(), event.status().name(),
                        event.message(), event.elapsedMs(), clarification, usage,
                        event.envelope().occurredAt().atOffset(ZoneOffset.UTC))))
                .chain(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : advance(connection, questionId, event.status())
                                .chain(() -> addUsage(connection, questionId, event.usage()))
                                .replaceWith(true)));
    }

    private static Uni<Void> addUsage(SqlConnection connection, UUID questionId, ModelUsage usage) {
        if (usage == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("SELECT usage::text AS usage FROM questions WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(questionId))
                .chain(rows -> {
                    String stored = rows.iterator().next().getString("usage");
                    ModelUsage total = stored == null ? usage : EventJson.read(stored, ModelUsage.class).plus(usage);
                    return connection.preparedQuery("UPDATE questions SET usage = $2::text::jsonb WHERE id = $1")
                            .execute(Tuple.of(questionId, EventJson.write(total)));
                })
                .replaceWithVoid();
    }

    /**
     * Status moves only forward, and only panels.ready ends a question (DONE or FAILED): a late or
     * redelivered STARTED never reopens an answered question.
     */
    private static Uni<Void> advance(SqlConnection connection, UUID questionId, ProgressStatus status) {
        String update = status == ProgressStatus.NEEDS_CLARIFICATION
                ? "UPDATE questions SET status = 'NEEDS_CLARIFICATION', updated_at = now() "
                        + "WHERE id = $1 AND status IN ('RECEIVED', 'RUNNING')"
                : "UPDATE questions SET status = 'RUNNING', updated_at = now() WHERE id = $1 AND status = 'RECEIVED'";
        return connection.preparedQuery(update).execute(Tuple.of(questionId)).replaceWithVoid();
    }

    /** DONE with panels, FAILED with an error, NEEDS_CLARIFICATION when the answer is a question back. */
    static String endStatus(PanelsReady event) {
        if (event.error() == null) {
            return "DONE";
        }
        return Failure.NEEDS_CLARIFICATION.equals(event.error().code()) ? "NEEDS_CLARIFICATION" : "FAILED";
    }

    /**
     * Stores the question's answer (panels or error, and the standalone question the stages answered) once, and ends
     * the question; true if it was the first.
     */
    public Uni<Boolean> recordAnswer(UUID tenantId, UUID questionId, PanelsReady event) {
        return tx.run(tenantId, connection -> connection.preparedQuery("""
                        INSERT INTO panels (tenant_id, question_id, question, sql, panels, error_code, error_message, offline,
                                            answered_at, cached_at)
                        VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10)
                        ON CONFLICT (question_id) DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(tenantId, questionId, event.question(), event.sql(),
                        EventJson.write(event.panels()),
                        event.error() == null ? null : event.error().code(),
                        event.error() == null ? null : event.error().message(), event.offline(),
                        event.envelope().occurredAt().atOffset(ZoneOffset.UTC),
                        event.cachedAt() == null ? null : event.cachedAt().atOffset(ZoneOffset.UTC))))
                .chain(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : connection.preparedQuery("UPDATE questions SET status = $2, updated_at = now() WHERE id = $1")
                                .execute(Tuple.of(questionId, endStatus(event)))
                                .replaceWith(true)));
    }
}
