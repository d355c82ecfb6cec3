package io.kurobe.gateway.question;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /api/questions/{id}/clarification: the asker's answer to the question Kurobe asked back. */
public record ClarificationRequest(
        @Schema(required = true, description = "One of the clarification's options, or free text",
                example = "the order date") String answer) {
}
