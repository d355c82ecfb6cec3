package io.kurobe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.QuestionReceived;
import io.kurobe.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The six packaged services as separate JVMs on one real broker, asked as users ask. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTest {
    private static final Duration ANSWER = Duration.ofSeconds(90);
    private static final List<String> EXPECTED_STAGE_EVENTS = List.of(
            "INTENT STARTED", "INTENT DONE", "SCHEMA STARTED", "SCHEMA DONE", "CANDIDATE STARTED", "CANDIDATE DONE",
            "SELECTION STARTED", "SELECTION DONE", "PANEL STARTED", "PANEL DONE");

    private static Stack stack;
    private static Api api;

    @BeforeAll
    static void startStack() throws Exception {
        stack = Stack.start();
        api = new Api(stack.get("gateway").url(), stack.apiKey);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void questionOverRestStreamsEveryStageAndMatchesDuckDb() throws Exception {
        String id = api.ask("How many orders were placed in 2024?");
        List<JsonNode> messages = api.stream(id, ANSWER);

        assertEquals(EXPECTED_STAGE_EVENTS, stageEvents(messages), "ordered stage events over the socket");
        JsonNode answer = messages.get(messages.size() - 1);
        assertEquals("answer", answer.path("type").asText(), "last message is the answer: " + answer);
        JsonNode panel = answer.path("event").path("panels").get(0);
        assertEquals("KPI", panel.path("kind").asText());
        long figure = panel.path("rows").get(0).get(0).asLong();

        assertEquals(duckDb("SELECT count(*) FROM orders WHERE order_date >= DATE '2024-01-01' "
                + "AND order_date < DATE '2025-01-01'"), figure, "the figure is the number of 2024 orders");
        assertEquals(duckDb(panel.path("sql").asText()), figure, "the panel's SQL run directly on DuckDB");
        // The socket is fed by every gateway's broadcast consumer, the stored status by the shared persisting
        // group: the two are independent, so the stored status may trail the socket by a moment.
        assertEquals("DONE", api.awaitEnd(id, Duration.ofSeconds(30)).path("status").asText());
    }

    @Test
    @Order(2)
    void batchJobGetsItsAnswerOnPanelsReady() throws Exception {
        String id = UUID.randomUUID().toString();
        try (KafkaConsumer<String, String> consumer = consumer(); KafkaProducer<String, String> producer = producer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PANELS_READY).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            Envelope envelope = new Envelope(id, "batch-tenant", null, "demo", null, Instant.now(), null, 1);
            QuestionReceived question = new QuestionReceived(envelope, "How many customers are there?", List.of(),
                    "nightly-job", QuestionOptions.defaults());
            producer.send(new ProducerRecord<>(Topics.QUESTION_RECEIVED, id, EventJson.write(question))).get();

            PanelsReady answer = awaitRecord(consumer, id);
            assertNull(answer.error(), "no error expected: " + answer.error());
            assertEquals(duckDb("SELECT count(*) FROM customers"),
                    ((Number) answer.panels().get(0).rows().get(0).get(0)).longValue());
        }
    }

    @Test
    @Order(3)
    void anyGatewayReplicaServesTheSocket() throws Exception {
        ServiceProcess second = stack.startAnother("gateway", "gateway-b");
        Api other = new Api(second.url(), stack.apiKey);

        String id = api.ask("What is the total amount of orders by status?");
        List<JsonNode> messages = other.stream(id, ANSWER);

        assertEquals(EXPECTED_STAGE_EVENTS, stageEvents(messages), "socket on the replica that did not take it");
        assertEquals("answer", messages.get(messages.size() - 1).path("type").asText());
        second.stop();
    }

    @Test
    @Order(4)
    void killedStageLosesNoQuestionAndStoresNoneTwice() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(api.ask(i % 2 == 0 ? "How many orders were placed in 202" + (i % 5) + "?"
                    : "What is the total amount of orders by status?"));
        }
        ServiceProcess candidate = stack.get("candidate-stage");
        candidate.kill();
        ServiceProcess.sleep(1000);
        candidate.start();
        candidate.awaitReady(Stack.READY);

        for (String id : ids) {
            JsonNode q = api.awaitEnd(id, Duration.ofMinutes(2));
            assertEquals("DONE", q.path("status").asText(), "question " + id + ": " + q);
        }
        try (Connection db = stack.database(); Statement s = db.createStatement()) {
            for (String table : List.of("panels", "question_events")) {
                assertFalse(hasDuplicates(s, table, ids), table + " holds a question's answer twice");
            }
        }
    }

    private static boolean hasDuplicates(Statement s, String table, List<String> ids) throws Exception {
        String key = table.equals("panels") ? "question_id" : "question_id, stage, status";
        String in = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        try (ResultSet rs = s.executeQuery("SELECT " + key + ", count(*) FROM " + table
                + " WHERE question_id::text IN (" + in + ") GROUP BY " + key + " HAVING count(*) > 1")) {
            return rs.next();
        }
    }

    private static List<String> stageEvents(List<JsonNode> messages) {
        List<String> events = new ArrayList<>();
        for (JsonNode m : messages) {
            if (m.path("type").asText().equals("progress")) {
                JsonNode e = m.path("event");
                events.add(e.path("stage").asText() + " " + e.path("status").asText());
            }
        }
        return events;
    }

    private static long duckDb(String sql) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + stack.demoDb, readOnly);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "no row from " + sql);
            return rs.getLong(1);
        }
    }

    private static PanelsReady awaitRecord(KafkaConsumer<String, String> consumer, String key) {
        long end = System.nanoTime() + ANSWER.toNanos();
        while (System.nanoTime() < end) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(r.key())) {
                    return EventJson.read(r.value(), PanelsReady.class);
                }
            }
        }
        throw new AssertionError("no panels.ready record for " + key + " within " + ANSWER.toSeconds() + " s");
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }
}
