package io.kurobe.model;

/** One refine round of a candidate: the SQL sent back to its model and what was wrong with it (an error, a refusal, no rows). */
public record RefineRound(String sql, String notice) {
    public RefineRound {
        Require.text(sql, "candidates.refinements.sql");
        Require.text(notice, "candidates.refinements.notice");
    }
}
