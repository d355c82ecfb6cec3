package io.kurobe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections made over the API answer questions: one to the demo DuckDB file, one to the local PostgreSQL
 * loaded with the benchmark's academic database. The PostgreSQL password given to the API (trust auth ignores
 * it) is in no service log and on no topic.
 */
class StoredConnectionsEndToEndTest {
    private static final Duration ANSWER = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACADEMIC = "kurobe_e2e_academic";
    private static final String PASSWORD = "s3cret-e2e-pw";
    private static final Path ACADEMIC_SQL = Path.of("..", "..", "shared", "bench", "public", "sql", "academic.sql")
            .toAbsolutePath().normalize();

    private static Stack stack;
    private static Api api;

    @BeforeAll
    static void startStack() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(ACADEMIC_SQL),
                "skipped: the benchmark database " + ACADEMIC_SQL + " is not on this machine");
        loadAcademic();
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
    void storedDuckDbAndPostgresConnectionsAreTestedAndAnswerQuestions() throws Exception {
        String duck = create("demo over the API", "duckdb", "jdbc:duckdb:" + stack.demoDb, null, null);
        String pg = create("academic", "postgres", "jdbc:postgresql://127.0.0.1:5432/" + ACADEMIC, "postgres",
                PASSWORD);

        JsonNode duckTest = api.post("/api/connections/" + duck + "/test", null, 200);
        assertTrue(duckTest.path("ok").asBoolean(), "the DuckDB connection answers its test: " + duckTest);
        JsonNode pgTest = api.post("/api/connections/" + pg + "/test", null, 200);
        assertTrue(pgTest.path("ok").asBoolean(), "the PostgreSQL connection answers its test: " + pgTest);
        assertTrue(pgTest.path("serverVersion").asText().startsWith("PostgreSQL"), pgTest.toString());

        assertEquals(duckDb("SELECT count(*) FROM customers"),
                figure(api.ask("How many customers are there?", duck)), "customers counted on the stored DuckDB");
        assertEquals(academic("SELECT count(*) FROM author"),
                figure(api.ask("How many authors are there?", pg)), "authors counted on the stored PostgreSQL");

        assertNoLogHolds(PASSWORD);
        assertNoTopicHolds(PASSWORD);
    }

    private static String create(String name, String engine, String url, String user, String password)
            throws Exception {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("engine", engine).put("jdbcUrl", url);
        if (user != null) {
            body.put("user", user);
        }
        if (password != null) {
            body.put("password", password);
        }
        JsonNode created = api.post("/api/connections", body, 201);
        assertFalse(created.toString().contains(PASSWORD), "the API never returns the password: " + created);
        return created.path("id").asText();
    }

    private static long figure(String questionId) throws Exception {
        JsonNode q = api.awaitEnd(questionId, ANSWER);
        assertEquals("DONE", q.path("status").asText(), "question " + questionId + ": " + q);
        JsonNode panel = q.path("panels").get(0);
        return panel.path("rows").get(0).get(0).asLong();
    }

    private static void assertNoLogHolds(String secret) throws Exception {
        Path logs = stack.work.resolve("logs");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(logs)) {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        assertFalse(files.isEmpty(), "the services wrote logs to " + logs);
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            assertFalse(text.contains(secret), "the password appears in the log " + file);
        }
    }

    private static void assertNoTopicHolds(String secret) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        int records = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics().forEach((topic, infos) ->
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    assertFalse(String.valueOf(r.key()).contains(secret) || String.valueOf(r.value()).contains(secret),
                            "the password appears on topic " + r.topic() + " at offset " + r.offset());
                    r.headers().forEach(h -> assertFalse(h.value() != null
                            && new String(h.value(), StandardCharsets.UTF_8).contains(secret),
                            "the password appears in a header on topic " + r.topic()));
                }
            }
        }
        assertTrue(records > 0, "the topics held the questions' records");
    }

    private static void loadAcademic() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + ACADEMIC + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + ACADEMIC);
        }
        String script = Files.readString(ACADEMIC_SQL, StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + ACADEMIC, "postgres", "");
             Statement s = c.createStatement()) {
            for (String statement : script.split("(?m);\\s*$")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    private static long academic(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + ACADEMIC, "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "no row from " + sql);
            return rs.getLong(1);
        }
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
}
