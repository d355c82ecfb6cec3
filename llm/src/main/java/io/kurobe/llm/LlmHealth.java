package io.kurobe.llm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.stream.Collectors;

/**
 * Shows each role's models and their circuit breakers on /q/health/ready. Always UP: a paused
 * model or none at all leaves the offline path, so the stage still answers.
 */
@Readiness
@ApplicationScoped
public class LlmHealth implements HealthCheck {
    @Inject
    RoleModels models;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("llm").up();
        if (models.roles().isEmpty()) {
            return response.withData("roles", "none configured: every role runs offline").build();
        }
        models.roles().forEach(role -> response.withData("role " + role, models.chain(role).stream()
                .map(model -> model + " " + models.breakerState(model).name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "))));
        return response.build();
    }
}
