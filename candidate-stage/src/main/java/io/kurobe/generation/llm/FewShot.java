package io.kurobe.generation.llm;

import java.util.List;

/** The examples an ICL prompt shows before the question, or why there are none (and so no prompt). */
public record FewShot(List<Shot> shots, String declined) {
    /** One example: a question and the SQL that answers it. */
    public record Shot(String question, String sql) {
    }

    public FewShot {
        shots = List.copyOf(shots);
    }

    public static FewShot of(List<Shot> shots) {
        return new FewShot(shots, null);
    }

    public static FewShot declined(String reason) {
        return new FewShot(List.of(), reason);
    }
}
