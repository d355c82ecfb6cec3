package io.kurobe.gateway.example;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /api/questions/{id}/feedback: whether the answer was right, and if not, what the right SQL is. */
public record FeedbackRequest(
        @Schema(description = "true: the answer's SQL was right", required = true) Boolean correct,
        @Schema(description = "With correct false: the SQL that answers the question; it must pass the SQL guard")
        String sql,
        @Schema(description = "Free text, kept with the feedback") String comment) {
}
