package io.kurobe.gateway.question;

import java.util.UUID;

/** The 202 answer to a new question: where to follow it. */
public record QuestionAccepted(UUID id, QuestionStatus status, UUID conversationId) {
}
