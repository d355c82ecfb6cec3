package io.kurobe.gateway.events;

import io.kurobe.model.Event;
import io.kurobe.model.EventJson;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.QuestionProgress;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The one writer of progress and answers: the consumer group {@code kurobe-gateway}, shared by every
 * replica, so each event is persisted by exactly one of them. A record that cannot be read goes to
 * the topic's dead-letter topic; a database hiccup is retried before that.
 */
@ApplicationScoped
public class EventRecorder {
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final String UNKNOWN_TENANT = "unknown";

    @Inject
    EventStore store;

    @Inject
    MeterRegistry registry;

    @Incoming("progress-store")
    public Uni<Void> progress(String json) {
        return read(json, QuestionProgress.class)
                .chain(event -> record("progress", event, (tenant, id) -> store.recordProgress(tenant, id, event)));
    }

    @Incoming("panels-store")
    public Uni<Void> answer(String json) {
        return read(json, PanelsReady.class)
                .chain(event -> record("answer", event, (tenant, id) -> store.recordAnswer(tenant, id, event)));
    }

    /** An unreadable record fails here, before the retries, and so goes straight to the dead-letter topic. */
    private static <T> Uni<T> read(String json, Class<T> type) {
        return Uni.createFrom().item(() -> EventJson.read(json, type));
    }

    private Uni<Void> record(String kind, Event event, BiFunction<UUID, UUID, Uni<Boolean>> write) {
        Optional<UUID> questionId = uuid(event.questionId());
        if (questionId.isEmpty()) {
            count(kind, "foreign");
            return Uni.createFrom().voidItem();
        }
        UUID id = questionId.get();
        return store.tenantOf(id)
                .chain(tenant -> {
                    if (tenant.isEmpty()) {
                        // asked on question.received directly (a batch job): nothing of ours to update
                        count(kind, "foreign");
                        return Uni.createFrom().voidItem();
                    }
                    warnOnTenantMismatch(event, tenant.get());
                    return write.apply(tenant.get(), id)
                            .invoke(stored -> count(kind, stored ? "stored" : "duplicate"))
                            .replaceWithVoid();
                })
                .onFailure().invoke(e -> LOG.warnf("storing %s of question %s failed, retrying: %s", kind, id,
                        e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(10);
    }

    private static void warnOnTenantMismatch(Event event, UUID owner) {
        String claimed = event.envelope().tenantId();
        if (!UNKNOWN_TENANT.equals(claimed) && !owner.toString().equals(claimed)) {
            LOG.warnf("question %s belongs to tenant %s but its event names tenant %s; stored under the owner",
                    event.questionId(), owner, claimed);
        }
    }

    private void count(String kind, String outcome) {
        registry.counter("kurobe.gateway.events", "kind", kind, "outcome", outcome).increment();
    }

    static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
