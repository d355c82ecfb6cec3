package io.kurobe.gateway.example;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Examples and feedback in the metadata store. Every statement runs on a connection inside the caller's tenant
 * transaction ({@link io.kurobe.gateway.db.TenantTx}), so row-level security keeps tenants apart and the record on
 * Kafka can be sent before the transaction commits.
 */
@ApplicationScoped
public class ExampleStore {
    private static final String COLUMNS =
            "id, tenant_id, connection_id, question, sql, source, question_id, created_at, updated_at";

    /** A question that may be judged: its status, connection, the question the stages answered, and its SQL. */
    record Answered(String status, String connectionId, String question, String sql) {
    }

    /** One stored feedback. */
    record Stored(UUID id, Instant createdAt) {
    }

    /**
     * The question, locked until the transaction ends when {@code lock} is set (so two judgements of one question
     * reach the database and the topic in the same order); empty when the tenant has no such question.
     */
    Uni<Optional<Answered>> answered(SqlConnection connection, UUID questionId, boolean lock) {
        return connection.preparedQuery("""
                        SELECT q.status, q.connection_id, COALESCE(NULLIF(btrim(a.question), ''), q.question) AS question,
                               a.sql
                        FROM questions q LEFT JOIN panels a ON a.question_id = q.id AND a.deleted_at IS NULL
                        WHERE q.id = $1 AND q.deleted_at IS NULL""" + (lock ? " FOR UPDATE OF q" : ""))
                .execute(Tuple.of(questionId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Answered(row.getString("status"), row.getString("connection_id"),
                            row.getString("question"), row.getString("sql")));
                });
    }

    /** The question's example, new or replaced: one per question, whose id never changes. */
    Uni<Example> putFeedbackExample(SqlConnection connection, Example example) {
        return connection.preparedQuery("""
                        INSERT INTO examples (id, tenant_id, connection_id, question, sql, source, question_id)
                        VALUES ($1, $2, $3, $4, $5, 'feedback', $6)
                        ON CONFLICT (question_id) WHERE question_id IS NOT NULL DO UPDATE
                        SET connection_id = EXCLUDED.connection_id, question = EXCLUDED.question, sql = EXCLUDED.sql,
                            updated_at = now(), deleted_at = NULL
                        RETURNING\s""" + COLUMNS)
                .execute(Tuple.from(List.of(example.id(), example.tenantId(), example.connectionId(),
                        example.question(), example.sql(), example.questionId())))
                .map(rows -> read(rows.iterator().next()));
    }

    /** Soft-deletes the question's live example; the deleted example, if there was one. */
    Uni<Optional<Example>> removeQuestionExample(SqlConnection connection, UUID questionId) {
        return connection.preparedQuery("UPDATE examples SET deleted_at = now(), updated_at = now() "
                        + "WHERE question_id = $1 AND deleted_at IS NULL RETURNING " + COLUMNS)
                .execute(Tuple.of(questionId))
                .map(ExampleStore::first);
    }

    Uni<Stored> addFeedback(SqlConnection connection, UUID tenantId, UUID questionId, boolean correct, String sql,
                            String comment, UUID exampleId) {
        return connection.preparedQuery("""
                        INSERT INTO feedback (tenant_id, question_id, correct, sql, comment, example_id)
                        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at""")
                .execute(Tuple.from(Arrays.asList(tenantId, questionId, correct, sql, comment, exampleId)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Stored(row.getUUID("id"), instant(row, "created_at"));
                });
    }

    /** Adds loaded examples; those the connection already has (same question and SQL) are left out of the answer. */
    Uni<List<Example>> addLoaded(SqlConnection connection, List<Example> examples) {
        if (examples.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Tuple> rows = examples.stream()
                .map(e -> Tuple.of(e.id(), e.tenantId(), e.connectionId(), e.question(), e.sql()))
                .toList();
        return connection.preparedQuery("""
                        INSERT INTO examples (id, tenant_id, connection_id, question, sql, source)
                        VALUES ($1, $2, $3, $4, $5, 'bulk')
                        ON CONFLICT (tenant_id, connection_id, md5(question), md5(sql))
                            WHERE deleted_at IS NULL AND source = 'bulk' DO NOTHING
                        RETURNING\s""" + COLUMNS)
                .executeBatch(rows)
                .map(ExampleStore::all);
    }

    /** The connection's live examples, most recently added or changed first. */
    Uni<List<Example>> list(SqlConnection connection, String connectionId, int limit) {
        return connection.preparedQuery("SELECT " + COLUMNS + " FROM examples WHERE connection_id = $1 "
                        + "AND deleted_at IS NULL ORDER BY updated_at DESC, created_at DESC, id LIMIT $2")
                .execute(Tuple.of(connectionId, limit))
                .map(ExampleStore::all);
    }

    /** Soft-deletes one live example of the connection; the deleted example, if there was one. */
    Uni<Optional<Example>> delete(SqlConnection connection, String connectionId, UUID id) {
        return connection.preparedQuery("UPDATE examples SET deleted_at = now(), updated_at = now() "
                        + "WHERE id = $1 AND connection_id = $2 AND deleted_at IS NULL RETURNING " + COLUMNS)
                .execute(Tuple.of(id, connectionId))
                .map(ExampleStore::first);
    }

    private static Optional<Example> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next()));
    }

    /** Every row of a result, and of the results chained after it (one per statement of a batch). */
    private static List<Example> all(RowSet<Row> rows) {
        List<Example> examples = new ArrayList<>();
        for (RowSet<Row> result = rows; result != null; result = result.next()) {
            for (Row row : result) {
                examples.add(read(row));
            }
        }
        return examples;
    }

    private static Example read(Row row) {
        return new Example(row.getUUID("id"), row.getUUID("tenant_id"), row.getString("connection_id"),
                row.getString("question"), row.getString("sql"), row.getString("source"), row.getUUID("question_id"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
