package io.kurobe.gateway.question;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /api/questions: what to ask, of which connection, and optionally in which conversation. */
public record AskRequest(
        @Schema(required = true, example = "How many orders were placed in 2024?") String question,
        @Schema(required = true, example = "demo") String connectionId,
        @Schema(description = "Continue an earlier conversation: the id returned with its first question")
        String conversationId) {
}
