package io.kurobe.llm;

/**
 * What a stage sends to a role's model: instructions and the text to work on, kept apart.
 * {@code json} asks the vendor's JSON mode where it has one without a schema (OpenAI and
 * compatible servers, Ollama); for Anthropic the instructions alone must ask for JSON.
 */
public record Prompt(String system, String user, boolean json) {
    public Prompt {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a prompt needs a user message");
        }
        system = system == null ? "" : system;
    }

    public Prompt(String system, String user) {
        this(system, user, false);
    }
}
