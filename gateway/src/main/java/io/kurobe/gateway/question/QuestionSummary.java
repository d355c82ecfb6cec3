package io.kurobe.gateway.question;

import java.time.Instant;
import java.util.UUID;

/** One line of GET /api/questions: the caller's tenant's recent questions. */
public record QuestionSummary(UUID id, QuestionStatus status, String question, String connectionId,
                              UUID conversationId, Instant createdAt, Instant answeredAt) {
}
