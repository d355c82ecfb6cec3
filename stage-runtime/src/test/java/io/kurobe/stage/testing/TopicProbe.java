package io.kurobe.stage.testing;

import io.kurobe.model.EventJson;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Stage;
import io.kurobe.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** A plain Kafka producer and consumer for the stages' Quarkus tests: write a record, wait for the answer. */
public final class TopicProbe implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    /** Reads the given topics from their beginning, in a group of its own. */
    public TopicProbe(String bootstrap, String... topics) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topics));
    }

    public void send(String topic, String key, String value) {
        sendBytes(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    public void sendBytes(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** The first record of the topic with this key whose value matches, waiting for it up to a minute. */
    public ConsumerRecord<String, String> await(String topic, String key, Predicate<String> value) {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            for (ConsumerRecord<String, String> record : seen) {
                if (record.topic().equals(topic) && key.equals(record.key()) && value.test(record.value())) {
                    return record;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no matching record keyed " + key + " on " + topic + "; saw " + values(topic, key));
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    public <T> T awaitEvent(String topic, String key, Class<T> type) {
        return EventJson.read(await(topic, key, v -> true).value(), type);
    }

    /** Waits for the stage to report this status for the question. */
    public QuestionProgress awaitProgress(String key, Stage stage, ProgressStatus status) {
        String record = await(Topics.QUESTION_PROGRESS, key, v -> {
            QuestionProgress p = EventJson.read(v, QuestionProgress.class);
            return p.stage() == stage && p.status() == status;
        }).value();
        return EventJson.read(record, QuestionProgress.class);
    }

    /** The progress events of the question seen so far, in topic order. */
    public List<QuestionProgress> progress(String key) {
        return values(Topics.QUESTION_PROGRESS, key).stream()
                .map(v -> EventJson.read(v, QuestionProgress.class)).toList();
    }

    public List<String> values(String topic, String key) {
        return seen.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key()))
                .map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
