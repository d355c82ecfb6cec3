package io.kurobe.gateway.question;

import io.kurobe.model.Clarification;
import io.kurobe.model.Failure;
import io.kurobe.model.ModelUsage;
import io.kurobe.model.Panel;
import io.kurobe.model.QuestionProgress;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** GET /api/questions/{id}: the question, its progress in order, and its answer once there. */
public record QuestionView(
        UUID id,
        QuestionStatus status,
        String question,
        String connectionId,
        UUID conversationId,
        Instant createdAt,
        Instant deadline,
        List<Progress> events,
        String sql,
        List<Panel> panels,
        Failure error,
        boolean offline,
        Instant answeredAt,
        @Schema(description = "When the answer's rows came from the panel stage's query cache: the time they were "
                + "cached; absent when the SQL ran for this question") Instant cachedAt,
        @Schema(description = "Language-model calls and tokens of every stage, in total and by role; "
                + "0 calls when the offline engine answered") ModelUsage usage,
        @Schema(description = "When this question asked back and was answered: the question carrying the answer")
        UUID clarifiedBy) {

    /** One progress event of one stage. */
    public record Progress(String stage, String status, String message, long elapsedMs, Instant occurredAt,
                           Clarification clarification, ModelUsage usage) {
        static Progress of(QuestionProgress event) {
            return new Progress(event.stage().name(), event.status().name(), event.message(), event.elapsedMs(),
                    event.envelope().occurredAt(), event.clarification(), event.usage());
        }
    }

    public static QuestionView of(QuestionRecord record) {
        return new QuestionView(record.id(), record.status(), record.question(), record.connectionId(),
                record.conversationId(), record.createdAt(), record.deadline(),
                record.events().stream().map(Progress::of).toList(), record.sql(), record.panels(), record.error(),
                record.offline(), record.answeredAt(), record.cachedAt(), record.usage() == null ? ModelUsage.NONE : record.usage(),
                record.clarifiedBy());
    }
}
