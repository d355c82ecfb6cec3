package io.kurobe.generation.llm;

import io.kurobe.llm.LlmUsage;

import java.util.Optional;

/** A model generator's answer: the SQL read from the model's reply with what the call cost, or why there is none. */
public record ModelSql(Optional<String> sql, String reason, LlmUsage usage) {
    public static ModelSql of(String sql, LlmUsage usage) {
        return new ModelSql(Optional.of(sql), null, usage);
    }

    public static ModelSql none(String reason, LlmUsage usage) {
        return new ModelSql(Optional.empty(), reason, usage);
    }
}
