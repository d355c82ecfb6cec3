package io.kurobe.model;

/** The error a user should see: a stable code and a sentence a person can act on. */
public record Failure(String code, String message) {
    /**
     * The code of a panels.ready that ends a question with a question back to its asker (the matching
     * NEEDS_CLARIFICATION progress event carries the options); not a failure of the pipeline.
     */
    public static final String NEEDS_CLARIFICATION = "NEEDS_CLARIFICATION";

    public Failure {
        Require.text(code, "error.code");
        Require.text(message, "error.message");
    }
}
