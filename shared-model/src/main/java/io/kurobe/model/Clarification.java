package io.kurobe.model;

import java.util.List;

/** A question back to the asker, with concrete options to pick from. */
public record Clarification(String question, List<String> options) {
    public Clarification {
        Require.text(question, "clarification.question");
        options = Require.list(options);
    }
}
