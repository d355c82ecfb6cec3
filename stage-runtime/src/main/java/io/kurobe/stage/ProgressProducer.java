package io.kurobe.stage;

import io.kurobe.model.EventJson;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a stage's progress events (STARTED, notes, then DONE, FAILED or NEEDS_CLARIFICATION) to question.progress
 * with one plain Kafka producer per service. One producer keeps a partition's records in the order they were sent
 * (idempotence, or one request in flight when it is turned off), so the step's end follows its STARTED without
 * waiting for STARTED's acknowledgement. The stage sends its next event only after the end's acknowledgement, so the
 * next stage's STARTED always follows it; that wait is on every question's path, and going through a messaging
 * channel added a hand-over to the connector's sending thread and back (docs/performance.md). Same settings as the
 * channels: every {@code kafka.*} and {@code mp.messaging.connector.smallrye-kafka.*} property that is a producer
 * setting (acks=all, idempotence, linger.ms, security).
 */
@ApplicationScoped
public class ProgressProducer {
    private static final String CONNECTOR = "mp.messaging.connector.smallrye-kafka.";

    private final Object lock = new Object();
    private volatile KafkaProducer<String, String> producer;

    /** Sends the event keyed by its question id; what follows from this service is ordered after it. */
    public Future<RecordMetadata> send(QuestionProgress event) {
        return producer().send(new ProducerRecord<>(Topics.QUESTION_PROGRESS, event.questionId(),
                EventJson.write(event)));
    }

    /** Sends the event keyed by its question id and returns once the broker acknowledged it. */
    public void sendAndAwait(QuestionProgress event, Duration timeout) {
        await(send(event), event, timeout);
    }

    /** Waits for a sent event's acknowledgement, failing with what Kafka answered. */
    public static void await(Future<RecordMetadata> sent, QuestionProgress event, Duration timeout) {
        try {
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending progress of question " + event.questionId(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused progress of question " + event.questionId() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge progress of question " + event.questionId()
                    + " within " + timeout.toSeconds() + " s", e);
        }
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (producer == null) {
                producer = new KafkaProducer<>(settings(ConfigProvider.getConfig()));
            }
            return producer;
        }
    }

    static Map<String, Object> settings(Config config) {
        Set<String> producerSettings = ProducerConfig.configNames();
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        for (String prefix : new String[] {"kafka.", CONNECTOR}) {
            for (String name : config.getPropertyNames()) {
                if (name.startsWith(prefix) && producerSettings.contains(name.substring(prefix.length()))) {
                    config.getOptionalValue(name, String.class)
                            .ifPresent(value -> settings.put(name.substring(prefix.length()), value));
                }
            }
        }
        if ("false".equalsIgnoreCase(String.valueOf(settings.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))) {
            // without sequence numbers, a retried request could land after the one sent behind it
            settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        }
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "kurobe-progress-" + ProcessHandle.current().pid());
        return settings;
    }

    @PreDestroy
    void close() {
        KafkaProducer<String, String> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(10));
        }
    }
}
