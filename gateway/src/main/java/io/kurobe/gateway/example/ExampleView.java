package io.kurobe.gateway.example;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An example as the API shows it. */
public record ExampleView(
        UUID id,
        String connectionId,
        String question,
        String sql,
        @Schema(description = "feedback: a confirmed or corrected answer; bulk: loaded from a file") String source,
        @Schema(description = "The question whose feedback made it, for source feedback") UUID questionId,
        Instant createdAt,
        Instant updatedAt) {

    static ExampleView of(Example example) {
        return new ExampleView(example.id(), example.connectionId(), example.question(), example.sql(),
                example.source(), example.questionId(), example.createdAt(), example.updatedAt());
    }
}
