package io.kurobe.llm;

import java.util.Optional;

/** The APIs a model can be reached through, each with the base URL used when none is configured. */
public enum Provider {
    OPENAI("https://api.openai.com/v1"),
    /** Any server speaking OpenAI's chat completions (vLLM, LM Studio, llama.cpp…); its base URL is required. */
    OPENAI_COMPATIBLE(null),
    ANTHROPIC("https://api.anthropic.com/v1/"),
    OLLAMA("http://localhost:11434");

    private final String defaultBaseUrl;

    Provider(String defaultBaseUrl) {
        this.defaultBaseUrl = defaultBaseUrl;
    }

    public Optional<String> defaultBaseUrl() {
        return Optional.ofNullable(defaultBaseUrl);
    }

    /** The name used in configuration: {@code openai-compatible}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
