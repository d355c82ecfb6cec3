package io.kurobe.llm;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes {@link RoleModels} from {@code kurobe.llm.*} for the stages that inject it. */
@ApplicationScoped
public class LlmProducer {

    @Produces
    @Singleton
    RoleModels roleModels(LlmConfig config, MeterRegistry registry) {
        return new RoleModels(settings(config), new LlmMetrics(registry), Clock.systemUTC());
    }

    /**
     * The settings that {@code kurobe.llm.*} properties outside a Quarkus application give (the evaluation command
     * reads a properties file): the same mapping, defaults and duration syntax ({@code 60s}) as the services; a
     * value may name an environment variable ({@code api-key=${OPENAI_API_KEY}}) so no key is written in the file.
     */
    public static LlmSettings settings(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(LlmConfig.class)
                .withConverter(Duration.class, 100, LlmProducer::duration)
                .addDefaultInterceptors()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(properties, "kurobe.llm properties", 500))
                .build();
        return settings(config.getConfigMapping(LlmConfig.class));
    }

    /** A duration as Quarkus reads one: {@code 60s}, {@code 500ms}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT1M}). */
    static Duration duration(String value) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value.strip());
        if (!m.matches()) {
            return Duration.parse(value.strip());
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    static LlmSettings settings(LlmConfig config) {
        Map<String, ModelSettings> models = new LinkedHashMap<>();
        config.models().forEach((name, model) -> models.put(name, new ModelSettings(name, model.provider(),
                model.baseUrl().orElse(null), model.model(), model.apiKey().orElse(null), model.timeout(),
                model.temperature().isPresent() ? model.temperature().getAsDouble() : null,
                model.maxTokens().isPresent() ? model.maxTokens().getAsInt() : null)));
        Map<String, List<String>> roles = new LinkedHashMap<>();
        config.roles().forEach((role, chain) -> roles.put(role, Arrays.stream(chain.split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).toList()));
        RetryPolicy retry = new RetryPolicy(config.retry().maxAttempts(), config.retry().initialBackoff(),
                config.retry().maxBackoff());
        return new LlmSettings(models, roles, retry, config.breaker().failureThreshold(), config.breaker().openFor(),
                Duration.ofMillis(200), config.deadlineReserve());
    }
}
