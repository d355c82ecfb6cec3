package io.kurobe.llm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every model Kurobe may call and, per role, the order to try them in. A role with no chain runs
 * on its stage's offline path.
 *
 * @param breakerFailures  consecutive failed attempts that open a model's circuit breaker
 * @param breakerOpenFor   how long an open breaker refuses calls before one trial call
 * @param minAttempt       the least time worth starting an attempt with
 * @param deadlineReserve  the time kept before the question's deadline for the stage to finish
 */
public record LlmSettings(
        Map<String, ModelSettings> models,
        Map<String, List<String>> roles,
        RetryPolicy retry,
        int breakerFailures,
        Duration breakerOpenFor,
        Duration minAttempt,
        Duration deadlineReserve) {

    public LlmSettings {
        models = Map.copyOf(models);
        Map<String, List<String>> chains = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> role : roles.entrySet()) {
            for (String model : role.getValue()) {
                if (!models.containsKey(model)) {
                    throw new IllegalArgumentException("kurobe.llm.roles." + role.getKey() + " names model '" + model
                            + "', which has no kurobe.llm.models." + model + ".* configuration; configured: "
                            + models.keySet());
                }
            }
            if (!role.getValue().isEmpty()) {
                chains.put(role.getKey(), List.copyOf(role.getValue()));
            }
        }
        roles = Map.copyOf(chains);
    }

    /** Defaults for everything but the models and roles. */
    public static LlmSettings of(Map<String, ModelSettings> models, Map<String, List<String>> roles) {
        return new LlmSettings(models, roles, RetryPolicy.DEFAULT, 5, Duration.ofSeconds(30),
                Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    public LlmSettings with(RetryPolicy newRetry, int newBreakerFailures, Duration newOpenFor, Duration newReserve) {
        return new LlmSettings(models, roles, newRetry, newBreakerFailures, newOpenFor, minAttempt, newReserve);
    }
}
