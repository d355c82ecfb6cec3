package io.kurobe.gateway.stream;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * This replica's live events per question: handed to the sockets open here, and kept for a short
 * while so that a socket whose history read ran before the persisting consumer caught up still
 * gets them. Subscribing returns what is kept and registers the listener in one step, so nothing
 * falls between the two.
 */
@ApplicationScoped
public class LiveEvents {
    static final int KEPT_PER_QUESTION = 64;

    private final Map<String, Topic> questions = new ConcurrentHashMap<>();

    @Inject
    StreamConfig config;

    @Inject
    Vertx vertx;

    Clock clock = Clock.systemUTC();
    private long sweeper = -1;

    private static final class Topic {
        final List<StreamMessage> kept = new ArrayList<>();
        final List<Consumer<StreamMessage>> listeners = new ArrayList<>();
        Instant touched = Instant.EPOCH;
        boolean removed;
    }

    void start(@Observes StartupEvent start) {
        long period = Math.max(1000, config.retention().toMillis() / 4);
        sweeper = vertx.setPeriodic(period, id -> sweep());
    }

    void stop(@Observes ShutdownEvent stop) {
        vertx.cancelTimer(sweeper);
    }

    public void publish(StreamMessage message) {
        while (true) {
            Topic topic = questions.computeIfAbsent(message.questionId(), id -> new Topic());
            synchronized (topic) {
                if (topic.removed) {
                    continue;
                }
                if (topic.kept.size() < KEPT_PER_QUESTION) {
                    topic.kept.add(message);
                }
                topic.touched = clock.instant();
                for (Consumer<StreamMessage> listener : List.copyOf(topic.listeners)) {
                    listener.accept(message);
                }
                return;
            }
        }
    }

    /** Registers a listener for a question's live events and returns the ones kept so far, in order. */
    public List<StreamMessage> subscribe(String questionId, Consumer<StreamMessage> listener) {
        while (true) {
            Topic topic = questions.computeIfAbsent(questionId, id -> new Topic());
            synchronized (topic) {
                if (topic.removed) {
                    continue;
                }
                topic.listeners.add(listener);
                topic.touched = clock.instant();
                return List.copyOf(topic.kept);
            }
        }
    }

    public void unsubscribe(String questionId, Consumer<StreamMessage> listener) {
        Topic topic = questions.get(questionId);
        if (topic != null) {
            synchronized (topic) {
                topic.listeners.remove(listener);
                topic.touched = clock.instant();
            }
        }
    }

    /** Forgets questions nobody listens to and nothing happened to for the retention period. */
    void sweep() {
        Instant cutoff = clock.instant().minus(config.retention());
        questions.entrySet().removeIf(entry -> {
            Topic topic = entry.getValue();
            synchronized (topic) {
                topic.removed = topic.listeners.isEmpty() && topic.touched.isBefore(cutoff);
                return topic.removed;
            }
        });
    }

    int size() {
        return questions.size();
    }
}
