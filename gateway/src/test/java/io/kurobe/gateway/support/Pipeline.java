package io.kurobe.gateway.support;

import io.kurobe.model.Clarification;
import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.Event;
import io.kurobe.model.Failure;
import io.kurobe.model.Panel;
import io.kurobe.model.PanelColumn;
import io.kurobe.model.PanelKind;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Stage;
import io.kurobe.model.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** Plays the stages in tests: plain Kafka clients writing what the stages would write, and reading what the gateway wrote. */
public final class Pipeline {
    private Pipeline() {
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static Envelope envelope(String questionId, String tenantId) {
        return new Envelope(questionId, tenantId, questionId, "demo", null, Instant.now(), null, 1);
    }

    public static QuestionProgress progress(String questionId, String tenantId, Stage stage, ProgressStatus status) {
        return QuestionProgress.of(envelope(questionId, tenantId), stage, status,
                status == ProgressStatus.STARTED ? "" : stage.name().toLowerCase() + " " + status.name().toLowerCase(),
                status == ProgressStatus.STARTED ? 0 : 12);
    }

    public static PanelsReady panels(String questionId, String tenantId) {
        Panel kpi = new Panel(PanelKind.KPI, "Orders in 2024", "SELECT count(*) AS orders FROM orders",
                List.of(new PanelColumn("orders", "BIGINT")), List.of(List.of(1234)), false, null, List.of("orders"));
        return new PanelsReady(envelope(questionId, tenantId), "How many orders were placed in 2024?",
                "SELECT count(*) AS orders FROM orders", List.of(kpi), null, false);
    }

    /** What the intent stage writes when a question is ambiguous: the question back, with options, on both topics. */
    public static List<Event> clarification(String questionId, String tenantId) {
        Clarification clarification = new Clarification("Which date do you mean?",
                List.of("the order date", "the ship date"));
        return List.of(progress(questionId, tenantId, Stage.INTENT, ProgressStatus.STARTED),
                new QuestionProgress(envelope(questionId, tenantId), Stage.INTENT, ProgressStatus.NEEDS_CLARIFICATION,
                        clarification.question(), 15, clarification),
                new PanelsReady(envelope(questionId, tenantId), null, null, List.of(),
                        new Failure(Failure.NEEDS_CLARIFICATION, "Which date do you mean? Options: the order date | "
                                + "the ship date."), false));
    }

    public static PanelsReady failure(String questionId, String tenantId) {
        return new PanelsReady(envelope(questionId, tenantId), null, null, List.of(),
                new Failure("QUESTION_REFUSED", "Kurobe only reads data; it will not delete orders."), false);
    }

    /** Every stage STARTED then DONE, in pipeline order. */
    public static List<QuestionProgress> allStages(String questionId, String tenantId) {
        return List.of(Stage.values()).stream()
                .flatMap(stage -> List.of(progress(questionId, tenantId, stage, ProgressStatus.STARTED),
                        progress(questionId, tenantId, stage, ProgressStatus.DONE)).stream())
                .toList();
    }

    public static void send(Event... events) {
        send(List.of(events));
    }

    public static void send(List<? extends Event> events) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (Event event : events) {
                String topic = event instanceof PanelsReady ? Topics.PANELS_READY : Topics.QUESTION_PROGRESS;
                producer.send(new ProducerRecord<>(topic, event.questionId(), EventJson.write(event))).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("sending test events failed", e);
        }
    }

    public static void sendRaw(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("sending a test record failed", e);
        }
    }

    /** The record with this key on a topic, read from the beginning. */
    public static Optional<ConsumerRecord<String, String>> find(String topic, String key, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            Instant end = Instant.now().plus(timeout);
            while (Instant.now().isBefore(end)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** The records with this key on a topic, oldest first, once there are at least {@code count} (read from the beginning). */
    public static List<ConsumerRecord<String, String>> records(String topic, String key, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            Instant end = Instant.now().plus(timeout);
            while (found.size() < count && Instant.now().isBefore(end)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError(found.size() + " of " + count + " records keyed " + key + " on " + topic
                    + " within " + timeout);
        }
        return found;
    }

    /** Waits until this replica's own consumer group reads both topics, so live events reach its sockets. */
    public static void awaitLiveConsumers() {
        String group = "kurobe-gateway-" + ConfigProvider.getConfig().getValue("quarkus.uuid", String.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                        .describedGroups().get(group).get(10, TimeUnit.SECONDS);
                long topics = description.members().stream()
                        .flatMap(member -> member.assignment().topicPartitions().stream())
                        .map(partition -> partition.topic())
                        .distinct().count();
                return topics == 2;
            });
        }
    }
}
