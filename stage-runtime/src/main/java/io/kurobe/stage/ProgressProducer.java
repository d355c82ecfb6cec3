package io.kurobe.stage;

import io.kurobe.model.EventJson;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the progress event that ends a stage's step (DONE, FAILED, NEEDS_CLARIFICATION) with a plain Kafka producer
 * and waits for the broker's acknowledgement on the calling thread. The stage sends its next event only after this
 * returns, so the next stage's STARTED always follows this event on the question's partition; the wait is on the
 * critical path of every question, and going through the messaging channel added a hand-over to its sending thread
 * and back (measured: 7-9 ms p50 per stage under load, docs/performance.md). Same settings as the channels: every
 * {@code kafka.*} and {@code mp.messaging.connector.smallrye-kafka.*} property that is a producer setting (acks=all,
 * idempotence, linger.ms, security), the topic of the {@code question-progress} channel.
 */
@ApplicationScoped
public class ProgressProducer {
    private static final String CONNECTOR = "mp.messaging.connector.smallrye-kafka.";

    private final Object lock = new Object();
    private volatile KafkaProducer<String, String> producer;
    private String topic;

    /** Sends the event keyed by its question id and returns once the broker acknowledged it. */
    public void sendAndAwait(QuestionProgress event, Duration timeout) {
        try {
            producer().send(new ProducerRecord<>(topic, event.questionId(), EventJson.write(event)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
                Config config = ConfigProvider.getConfig();
                topic = config.getOptionalValue("mp.messaging.outgoing.question-progress.topic", String.class)
                        .orElse(Topics.QUESTION_PROGRESS);
                producer = new KafkaProducer<>(settings(config));
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
