package io.kurobe.generation.icl;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says how many examples the ICL generator holds and whether the examples topic has been read to its end; always
 * up, since a stage without examples still answers (the ICL generator declines until there are some).
 */
@Readiness
@ApplicationScoped
public class ExampleHealth implements HealthCheck {
    @Inject
    ExampleStore store;

    @Inject
    ExampleFollower follower;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("icl-examples").up()
                .withData("following", follower.following())
                .withData("caughtUp", store.caughtUp())
                .withData("examples", store.size())
                .withData("connections", store.connections())
                .build();
    }
}
