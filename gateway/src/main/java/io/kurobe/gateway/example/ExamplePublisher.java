package io.kurobe.gateway.example;

import io.kurobe.gateway.problem.ErrorCode;
import io.kurobe.gateway.problem.ProblemException;
import io.kurobe.model.EventJson;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Puts examples on the compacted topic 'examples', keyed tenant/connection/example: the example's latest state, or a
 * tombstone (no value) once it is deleted. Each send completes once the broker has the record, and fails with
 * BROKER_UNAVAILABLE when it does not take it: the caller's transaction then rolls back, so the store and the topic
 * never disagree.
 */
@ApplicationScoped
public class ExamplePublisher {
    /** Sends in flight at once during a load: well under the emitter's buffer. */
    private static final int IN_FLIGHT = 64;
    private static final Logger LOG = Logger.getLogger(ExamplePublisher.class);

    @Inject
    @Channel("examples")
    MutinyEmitter<Record<String, String>> examples;

    Uni<Void> added(Example example) {
        return send(example, EventJson.write(example.event()));
    }

    Uni<Void> added(List<Example> loaded) {
        return Multi.createFrom().iterable(loaded)
                .onItem().transformToUni(this::added).merge(IN_FLIGHT)
                .collect().last()
                .replaceWithVoid();
    }

    Uni<Void> removed(Example example) {
        return send(example, null);
    }

    private Uni<Void> send(Example example, String value) {
        return examples.send(Record.of(example.key(), value)).onFailure().transform(e -> {
            LOG.errorf(e, "example %s could not be published", example.id());
            return new ProblemException(ErrorCode.BROKER_UNAVAILABLE,
                    "The message broker did not accept the example, so nothing was changed; try again shortly.");
        });
    }
}
