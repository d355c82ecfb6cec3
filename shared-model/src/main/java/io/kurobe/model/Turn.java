package io.kurobe.model;

/** One earlier exchange of a conversation: what was asked and the SQL that answered it. */
public record Turn(String question, String sql) {
    public Turn {
        Require.text(question, "history.question");
    }
}
