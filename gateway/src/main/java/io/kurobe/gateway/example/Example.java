package io.kurobe.gateway.example;

import io.kurobe.model.QueryExample;

import java.time.Instant;
import java.util.UUID;

/** An example as stored: a question and the SQL that answers it on one of the tenant's connections. */
record Example(UUID id, UUID tenantId, String connectionId, String question, String sql, String source,
               UUID questionId, Instant createdAt, Instant updatedAt) {

    /** The record on the topic 'examples'. */
    QueryExample event() {
        return new QueryExample(id.toString(), tenantId.toString(), connectionId, question, sql, source,
                questionId == null ? null : questionId.toString(), createdAt);
    }

    /** Its key on the topic 'examples'. */
    String key() {
        return QueryExample.key(tenantId.toString(), connectionId, id.toString());
    }
}
