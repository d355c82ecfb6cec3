package io.kurobe.llm;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Makes {@link RoleModels} from {@code kurobe.llm.*} for the stages that inject it. */
@ApplicationScoped
public class LlmProducer {

    @Produces
    @Singleton
    RoleModels roleModels(LlmConfig config, MeterRegistry registry) {
        return new RoleModels(settings(config), new LlmMetrics(registry), Clock.systemUTC());
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
