package io.kurobe.llm;

/** What a stage sends to a role's model: instructions and the text to work on, kept apart. */
public record Prompt(String system, String user) {
    public Prompt {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a prompt needs a user message");
        }
        system = system == null ? "" : system;
    }
}
