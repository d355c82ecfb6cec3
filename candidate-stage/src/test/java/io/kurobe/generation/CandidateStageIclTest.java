package io.kurobe.generation;

import io.kurobe.data.ConnectorPool;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.mschema.MSchema;
import io.kurobe.generation.icl.ExampleStore;
import io.kurobe.llm.testing.FakeVendorServer;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QueryExample;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.SchemaLinked;
import io.kurobe.model.Stage;
import io.kurobe.model.Topics;
import io.kurobe.stage.testing.DemoDatabaseResource;
import io.kurobe.stage.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The candidate stage with the ICL generator (role {@code generator.icl}, one example per prompt) served by a local
 * fake of OpenAI's API: its examples come from the topic {@code examples}, published here as the gateway would.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(DemoDatabaseResource.class)
@WithTestResource(FakeIclModelResource.class)
class CandidateStageIclTest {
    private static final String TENANT = "tenant-test";
    private static final String NEAREST_QUESTION = "How many orders were placed in 2023?";
    private static final String NEAREST_SQL = "SELECT COUNT(*) FROM orders WHERE order_date >= DATE '2023-01-01' "
            + "AND order_date < DATE '2024-01-01'";
    private static final String UNRELATED_QUESTION = "List the names of the customers";
    private static final String UNRELATED_SQL = "SELECT name FROM customers ORDER BY name";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ConnectorPool pool;

    @Inject
    ExampleStore store;

    @FakeGeneratorModelResource.FakeModel
    FakeVendorServer model;

    @TestHTTPResource("/q/health/ready")
    URL health;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @Test
    @Order(1)
    void withoutExamplesForTheConnectionTheIclGeneratorDeclinesAndSaysWhy() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATES_GENERATED, Topics.QUESTION_PROGRESS)) {
            int calls = model.requestCount();
            String id = send(probe, "How many orders were placed in 2024?");

            CandidatesGenerated generated = probe.awaitEvent(Topics.CANDIDATES_GENERATED, id, CandidatesGenerated.class);
            assertEquals(List.of("simple"), generated.candidates().stream().map(Candidate::generator).toList());
            QuestionProgress done = probe.awaitProgress(id, Stage.CANDIDATE, ProgressStatus.DONE);
            assertTrue(done.message().contains("icl gave no candidate: no examples for connection demo yet"),
                    done.message());
            assertTrue(done.message().contains("confirm answers or load examples"), done.message());
            assertEquals(calls, model.requestCount(), "the model is not asked without examples");
        }
    }

    @Test
    @Order(2)
    void thePromptShowsTheNearestExampleOfTheConnectionAndTheModelsSqlIsTheIclCandidate() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            // an example that is deleted again by a tombstone, once the stage holds it
            QueryExample deleted = example(TENANT, "demo", "How many orders were placed in 2024?",
                    "SELECT COUNT(*) FROM deleted_orders WHERE placed_year = 2024");
            publish(producer, deleted);
            await(() -> store.has(deleted.key()));
            producer.send(new ProducerRecord<>(Topics.EXAMPLES, deleted.key(), null)).get();
            publish(producer, example(TENANT, "demo", NEAREST_QUESTION, NEAREST_SQL));
            publish(producer, example(TENANT, "demo", UNRELATED_QUESTION, UNRELATED_SQL));
            // the same question on another connection and for another tenant: never shown for this one
            publish(producer, example(TENANT, "warehouse", "How many orders were placed in 2024?",
                    "SELECT COUNT(*) FROM warehouse_orders WHERE placed_year = 2024"));
            publish(producer, example("tenant-other", "demo", "How many orders were placed in 2024?",
                    "SELECT COUNT(*) FROM other_tenant_orders WHERE placed_year = 2024"));
            // a record that is not an example is skipped
            producer.send(new ProducerRecord<>(Topics.EXAMPLES, TENANT + "/demo/broken", "{not an example")).get();
            await(() -> !store.has(deleted.key()) && store.count(TENANT, "demo") == 2 && store.size() == 4);
        }
        assertFalse(store.has(TENANT + "/demo/broken"));
        String ready = get(health);
        assertTrue(ready.matches("(?s).*\"icl-examples\".*\"examples\"\\s*:\\s*4.*"), ready);
        assertTrue(get(metrics).contains("kurobe_icl_examples 4.0"), "the gauge of examples held");

        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATES_GENERATED, Topics.QUESTION_PROGRESS)) {
            String id = send(probe, "How many orders were placed in 2024?");

            CandidatesGenerated generated = probe.awaitEvent(Topics.CANDIDATES_GENERATED, id, CandidatesGenerated.class);
            Candidate icl = generated.candidates().stream().filter(c -> c.generator().equals("icl")).findFirst()
                    .orElseThrow(() -> new AssertionError("no icl candidate in " + generated.candidates()));
            assertEquals(FakeIclModelResource.ICL_SQL, icl.sql());
            assertTrue(icl.outcome().ok(), icl.outcome().error());
            QuestionProgress done = probe.awaitProgress(id, Stage.CANDIDATE, ProgressStatus.DONE);
            assertTrue(done.message().contains("icl by model fake-icl, 1 call, 320 tokens in, 25 out"), done.message());
            assertEquals(320, done.usage().byRole().get("generator.icl").tokensIn());

            String prompt = FakeVendorServer.userText(model.requests().get(model.requests().size() - 1));
            assertTrue(prompt.startsWith("你是一名DuckDB专家"), prompt);
            assertTrue(prompt.contains("【参考示例】\n【用户问题】\n" + NEAREST_QUESTION + "\n```sql\n" + NEAREST_SQL + "\n```"),
                    prompt);
            assertFalse(prompt.contains(UNRELATED_SQL), prompt);
            assertFalse(prompt.contains("warehouse_orders"), prompt);
            assertFalse(prompt.contains("other_tenant_orders"), prompt);
            assertFalse(prompt.contains("deleted_orders"), prompt);
            assertTrue(prompt.endsWith("【用户问题】\nHow many orders were placed in 2024?\n\n```sql"), prompt);
        }
    }

    @Test
    @Order(3)
    void theRefinerSendsAFailedIclCandidateBackWithTheSameExamples() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATES_GENERATED, Topics.QUESTION_PROGRESS)) {
            int before = model.requestCount();
            String id = send(probe, "What are the names of all customers?");

            CandidatesGenerated generated = probe.awaitEvent(Topics.CANDIDATES_GENERATED, id, CandidatesGenerated.class);
            Candidate icl = generated.candidates().stream().filter(c -> c.generator().equals("icl")).findFirst()
                    .orElseThrow(() -> new AssertionError("no icl candidate in " + generated.candidates()));
            assertEquals(FakeIclModelResource.FIXED, icl.sql());
            assertEquals(1, icl.refineRounds());
            assertEquals(FakeIclModelResource.WRONG_TABLE, icl.refinements().get(0).sql());
            assertTrue(icl.outcome().ok() && icl.outcome().rowCount() > 0, icl.outcome().toString());
            List<String> prompts = model.requests().subList(before, model.requestCount()).stream()
                    .map(FakeVendorServer::userText).toList();
            assertEquals(2, prompts.size());
            String example = "【参考示例】\n【用户问题】\n" + UNRELATED_QUESTION + "\n```sql\n" + UNRELATED_SQL + "\n```";
            assertTrue(prompts.get(0).contains(example), "the nearest example is now the customers one: " + prompts.get(0));
            assertTrue(prompts.get(1).contains("【待修正SQL】\n" + FakeIclModelResource.WRONG_TABLE), prompts.get(1));
            assertTrue(prompts.get(1).contains(example), prompts.get(1));
            assertEquals(280 + 300, probe.awaitProgress(id, Stage.CANDIDATE, ProgressStatus.DONE).usage()
                    .byRole().get("generator.icl").tokensIn(), "both calls count");
        }
    }

    /** Waits until the store shows what was published (the topic is read by its own thread), at most a minute. */
    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("the example store did not show the published examples within a minute");
            }
            Thread.sleep(100);
        }
    }

    private static String get(URL url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static QueryExample example(String tenant, String connection, String question, String sql) {
        return new QueryExample(UUID.randomUUID().toString(), tenant, connection, question, sql, QueryExample.BULK,
                null, Instant.now());
    }

    private static void publish(KafkaProducer<String, String> producer, QueryExample example) throws Exception {
        producer.send(new ProducerRecord<>(Topics.EXAMPLES, example.key(), EventJson.write(example))).get();
    }

    private String send(TopicProbe probe, String question) {
        String id = "q-" + UUID.randomUUID();
        SchemaSnapshot snapshot = pool.connector("demo").introspect();
        SchemaLinked linked = new SchemaLinked(new Envelope(id, TENANT, null, "demo", null, null, null, 1),
                question, "duckdb", MSchema.render(snapshot), List.of(), List.of(), snapshot.fingerprint(), null);
        probe.send(Topics.SCHEMA_LINKED, id, EventJson.write(linked));
        return id;
    }
}
