package io.kurobe.model;

/** One SQL candidate, who produced it, how often it was refined and how it executed. */
public record Candidate(String sql, String generator, int refineRounds, ExecutionOutcome outcome) {
    public Candidate {
        Require.text(sql, "candidates.sql");
        Require.text(generator, "candidates.generator");
    }
}
