package io.kurobe.llm;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one way a stage calls a model: by role ({@code intent}, {@code schema-filter}, a generator's
 * name, {@code refiner}, {@code selector}). The role's models are tried in their configured order;
 * each fallback is handed to the caller as it happens, and when none answers (or none is
 * configured) the reply says to use the offline path.
 */
public final class RoleModels {
    private static final Logger LOG = Logger.getLogger(RoleModels.class);

    private final LlmSettings settings;
    private final Map<String, ResilientModel> models = new LinkedHashMap<>();
    private final LlmMetrics metrics;

    public RoleModels(LlmSettings settings, LlmMetrics metrics, Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        settings.roles().values().stream().flatMap(List::stream).distinct().forEach(name -> {
            ModelSettings model = settings.models().get(name);
            models.put(name, new ResilientModel(model, ChatModels.build(model),
                    new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenFor(), clock),
                    settings.retry(), settings.minAttempt(), metrics, clock));
        });
        settings.roles().forEach((role, chain) -> LOG.infof("LLM role %s: %s", role,
                chain.stream().map(name -> settings.models().get(name).toString()).toList()));
    }

    /** Whether the role has at least one model; without one its stage runs offline. */
    public boolean configured(String role) {
        return settings.roles().containsKey(role);
    }

    /** The roles that have models; every other role runs offline. */
    public Set<String> roles() {
        return settings.roles().keySet();
    }

    /** The role's models in the order they are tried. */
    public List<String> chain(String role) {
        return settings.roles().getOrDefault(role, List.of());
    }

    /** The state of a model's circuit breaker, for health and tests. */
    public CircuitBreaker.State breakerState(String model) {
        ResilientModel resilient = models.get(model);
        if (resilient == null) {
            throw new IllegalArgumentException("no role uses model " + model);
        }
        return resilient.breaker().state();
    }

    /**
     * Asks the role's models in order until one answers, ending before {@code deadline} less the
     * configured reserve. Each fallback goes to {@code onFallback} at once, so the stage can tell
     * the asker while the next model works.
     */
    public RoleReply chat(String role, Prompt prompt, Instant deadline, Consumer<Fallback> onFallback) {
        List<String> chain = chain(role);
        if (chain.isEmpty()) {
            metrics.offline(role, "no_model");
            return new RoleReply.Offline("no model is configured for role " + role, List.of());
        }
        Instant until = deadline.minus(settings.deadlineReserve());
        List<Fallback> fallbacks = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            ResilientModel model = models.get(chain.get(i));
            ResilientModel.Outcome outcome = model.call(role, prompt, until);
            if (outcome instanceof ResilientModel.Outcome.Answer answer) {
                return new RoleReply.Answered(answer.text(), answer.usage(), fallbacks);
            }
            ModelCallException fault = ((ResilientModel.Outcome.Failed) outcome).fault();
            Fallback fallback = new Fallback(role, model.name(), fault.fault(), fault.getMessage(),
                    i + 1 < chain.size() ? chain.get(i + 1) : null);
            fallbacks.add(fallback);
            metrics.fallback(fallback);
            onFallback.accept(fallback);
        }
        metrics.offline(role, "all_failed");
        return new RoleReply.Offline("no model of role " + role + " answered", fallbacks);
    }
}
