package io.kurobe.model;

import java.time.Duration;
import java.time.Instant;

/**
 * What every event carries besides its stage's payload. The question id is also the Kafka
 * record key, so one question's events stay ordered on one partition.
 */
public record Envelope(
        String questionId,
        String tenantId,
        String conversationId,
        String connectionId,
        String schemaVersion,
        Instant occurredAt,
        Instant deadline,
        int attempt) {

    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);

    public Envelope {
        Require.text(questionId, "envelope.questionId");
        Require.text(tenantId, "envelope.tenantId");
        Require.text(connectionId, "envelope.connectionId");
        if (conversationId == null || conversationId.isBlank()) {
            conversationId = questionId;
        }
        if (occurredAt == null) {
            occurredAt = Instant.now();
        }
        if (deadline == null) {
            deadline = occurredAt.plus(DEFAULT_DEADLINE);
        }
        if (attempt < 1) {
            attempt = 1;
        }
    }

    /** The envelope of the event a stage emits next: same question, new time. */
    public Envelope next(Instant now) {
        return new Envelope(questionId, tenantId, conversationId, connectionId, schemaVersion, now, deadline, attempt);
    }

    public Envelope withSchemaVersion(String version) {
        return new Envelope(questionId, tenantId, conversationId, connectionId, version, occurredAt, deadline, attempt);
    }

    public boolean expiredAt(Instant now) {
        return now.isAfter(deadline);
    }
}
