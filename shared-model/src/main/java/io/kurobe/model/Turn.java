package io.kurobe.model;

/**
 * One earlier exchange of a conversation: what was asked and the SQL that answered it, or, when Kurobe asked
 * back instead, its {@code clarification}; the turn after such a turn is the asker's answer.
 */
public record Turn(String question, String sql, Clarification clarification) {
    public Turn {
        Require.text(question, "history.question");
    }

    public Turn(String question, String sql) {
        this(question, sql, null);
    }
}
