package io.kurobe.model;

import java.time.Instant;

/**
 * A question with the SQL that answers it on one connection: the few-shot material of the in-context-learning
 * generator. Confirmed answers ({@code source} {@code feedback}) and bulk-loaded files ({@code source}
 * {@code bulk}) become examples. They travel on the compacted topic {@link Topics#EXAMPLES} keyed by
 * {@link #key()}; a record with that key and no value deletes the example.
 */
public record QueryExample(String exampleId, String tenantId, String connectionId, String question, String sql,
                           String source, String questionId, Instant createdAt) {
    public static final String FEEDBACK = "feedback";
    public static final String BULK = "bulk";

    public QueryExample {
        Require.text(exampleId, "exampleId");
        Require.text(tenantId, "tenantId");
        Require.text(connectionId, "connectionId");
        Require.text(question, "question");
        Require.text(sql, "sql");
        Require.text(source, "source");
        Require.present(createdAt, "createdAt");
    }

    /** The record key on {@link Topics#EXAMPLES}: one example per key, so compaction keeps its latest state. */
    public String key() {
        return key(tenantId, connectionId, exampleId);
    }

    public static String key(String tenantId, String connectionId, String exampleId) {
        return tenantId + "/" + connectionId + "/" + exampleId;
    }
}
