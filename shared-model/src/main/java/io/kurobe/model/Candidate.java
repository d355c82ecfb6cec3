package io.kurobe.model;

import java.util.List;

/**
 * One SQL candidate, who produced it, how often it was refined and how it executed. {@code refinements} holds each
 * refine round (optional: absent in events written before it, and for generators that do not refine).
 */
public record Candidate(String sql, String generator, int refineRounds, ExecutionOutcome outcome,
                        List<RefineRound> refinements) {
    public Candidate {
        Require.text(sql, "candidates.sql");
        Require.text(generator, "candidates.generator");
        refinements = refinements == null ? List.of() : List.copyOf(refinements);
    }

    public Candidate(String sql, String generator, int refineRounds, ExecutionOutcome outcome) {
        this(sql, generator, refineRounds, outcome, List.of());
    }
}
