package io.kurobe.llm;

import java.time.Duration;

/**
 * One named model: where it is served, which model, and how long one attempt may take. The API
 * key is kept out of {@link #toString()} so that no log line can carry it.
 */
public record ModelSettings(
        String name,
        Provider provider,
        String baseUrl,
        String model,
        String apiKey,
        Duration timeout,
        Double temperature,
        Integer maxTokens) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public ModelSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model configuration needs a name");
        }
        if (provider == null) {
            throw new IllegalArgumentException("kurobe.llm.models." + name + ".provider is missing: openai, "
                    + "openai-compatible, anthropic or ollama");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("kurobe.llm.models." + name + ".model is missing: the model's name at "
                    + provider.configName());
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = provider.defaultBaseUrl().orElseThrow(() -> new IllegalArgumentException(
                    "kurobe.llm.models." + name + ".base-url is missing: an " + provider.configName()
                            + " model needs the server's URL, for example http://localhost:8000/v1"));
        }
        if (provider == Provider.ANTHROPIC && (apiKey == null || apiKey.isBlank())) {
            throw new IllegalArgumentException("kurobe.llm.models." + name + ".api-key is missing: Anthropic needs one");
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            timeout = DEFAULT_TIMEOUT;
        }
    }

    public static ModelSettings of(String name, Provider provider, String baseUrl, String model, String apiKey) {
        return new ModelSettings(name, provider, baseUrl, model, apiKey, DEFAULT_TIMEOUT, null, null);
    }

    public ModelSettings withTimeout(Duration newTimeout) {
        return new ModelSettings(name, provider, baseUrl, model, apiKey, newTimeout, temperature, maxTokens);
    }

    @Override
    public String toString() {
        return name + " (" + provider.configName() + " " + model + " at " + baseUrl
                + (apiKey == null || apiKey.isBlank() ? "" : ", api key set") + ", timeout " + timeout + ")";
    }
}
