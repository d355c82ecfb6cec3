package io.kurobe.gateway.example;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** The feedback as stored, with the example it made or the example it took away. */
public record FeedbackView(
        UUID id,
        UUID questionId,
        boolean correct,
        String sql,
        String comment,
        Instant createdAt,
        @Schema(description = "The question's example, made or replaced by this feedback; absent when the answer "
                + "was wrong and no SQL came with it") ExampleView example,
        @Schema(description = "The question's earlier example, deleted because the answer was judged wrong")
        UUID removedExampleId) {
}
