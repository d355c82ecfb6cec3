package io.kurobe.gateway.question;

import io.kurobe.model.Envelope;
import io.kurobe.model.Failure;
import io.kurobe.model.ModelUsage;
import io.kurobe.model.Panel;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.QuestionProgress;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored question with what happened to it so far: progress in arrival order, the answer once there, the
 * language-model usage the stages reported (null: none), and the question that answered its clarification.
 */
public record QuestionRecord(
        UUID id,
        UUID tenantId,
        UUID conversationId,
        String connectionId,
        String question,
        QuestionStatus status,
        Instant createdAt,
        Instant deadline,
        String sql,
        Failure error,
        boolean offline,
        Instant answeredAt,
        Instant cachedAt,
        List<QuestionProgress> events,
        List<Panel> panels,
        ModelUsage usage,
        UUID clarifiedBy) {

    public QuestionRecord {
        events = List.copyOf(events);
        panels = List.copyOf(panels);
    }

    public QuestionRecord withEvents(List<QuestionProgress> progress) {
        return new QuestionRecord(id, tenantId, conversationId, connectionId, question, status, createdAt, deadline,
                sql, error, offline, answeredAt, cachedAt, progress, panels, usage, clarifiedBy);
    }

    /** The envelope the question's events carry, at a given time. */
    public Envelope envelope(Instant occurredAt) {
        return new Envelope(id.toString(), tenantId.toString(), conversationId.toString(), connectionId, null,
                occurredAt, deadline, 1);
    }

    /** The panels.ready event that ended the question, rebuilt from the store. */
    public Optional<PanelsReady> answer() {
        if (answeredAt == null) {
            return Optional.empty();
        }
        return Optional.of(new PanelsReady(envelope(answeredAt), question, sql, panels, error, offline, cachedAt));
    }
}
