package io.kurobe.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** {@code kurobe.llm.*}: named models, the models of each role, and the resilience around calls. */
@ConfigMapping(prefix = "kurobe.llm")
public interface LlmConfig {
    /** {@code kurobe.llm.models.<name>.*}: one entry per model a role may name. */
    Map<String, Model> models();

    /** {@code kurobe.llm.roles.<role>=modelA,modelB}: the models of a role, in the order they are tried. */
    Map<String, String> roles();

    Retry retry();

    Breaker breaker();

    /** Time kept before a question's deadline for the stage to finish after its last model call. */
    @WithDefault("1s")
    Duration deadlineReserve();

    interface Model {
        /** {@code openai}, {@code openai-compatible}, {@code anthropic} or {@code ollama}. */
        Provider provider();

        Optional<String> baseUrl();

        String model();

        /** Best given by environment variable (KUROBE_LLM_MODELS__NAME__API_KEY); never logged. */
        Optional<String> apiKey();

        /** One attempt's limit; a question's deadline shortens it. */
        @WithDefault("60s")
        Duration timeout();

        OptionalDouble temperature();

        OptionalInt maxTokens();
    }

    interface Retry {
        /** Attempts at one model before moving to the next (the first one included). */
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("8s")
        Duration maxBackoff();
    }

    interface Breaker {
        /** Consecutive failed attempts that open a model's breaker. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open breaker refuses calls before letting one trial through. */
        @WithDefault("30s")
        Duration openFor();
    }
}
