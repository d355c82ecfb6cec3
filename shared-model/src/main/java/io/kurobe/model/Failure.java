package io.kurobe.model;

/** The error a user should see: a stable code and a sentence a person can act on. */
public record Failure(String code, String message) {
    public Failure {
        Require.text(code, "error.code");
        Require.text(message, "error.message");
    }
}
