package io.kurobe.generation;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Engine;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.mschema.MSchema;
import io.kurobe.generation.llm.LlmGenerator;
import io.kurobe.generation.llm.PromptStyle;
import io.kurobe.llm.LlmMetrics;
import io.kurobe.llm.LlmSettings;
import io.kurobe.llm.ModelSettings;
import io.kurobe.llm.Provider;
import io.kurobe.llm.RetryPolicy;
import io.kurobe.llm.RoleModels;
import io.kurobe.llm.testing.FakeVendorServer;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.Envelope;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.RefineRound;
import io.kurobe.model.SchemaLinked;
import io.kurobe.stage.Decision;
import io.kurobe.stage.testing.DemoDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kurobe.llm.testing.FakeVendorServer.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub with a model generator on a local OpenAI-compatible server, refining against the real demo DuckDB file. */
class CandidateHubModelTest {
    private static ConnectorPool pool;
    private static SchemaSnapshot snapshot;
    private FakeVendorServer server;

    @BeforeAll
    static void open() {
        pool = new ConnectorPool(Map.of("demo", new ConnectionSpec("demo", Engine.DUCKDB, DemoDb.jdbcUrl(), null, null)));
        snapshot = pool.connector("demo").introspect();
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anEmptyResultAndAGuardRefusalAreEachSentBackUntilTheSqlAnswers() {
        server = FakeVendorServer.start(FakeVendorServer.Vendor.OPENAI).script(
                answer("SELECT count(*) FROM orders WHERE status = 'lost' GROUP BY status\n```"),
                answer("```sql\nSELECT count(*) FROM orders; DROP TABLE orders\n```"),
                answer("SELECT count(*) AS n FROM orders\n```"));
        List<String> notes = new ArrayList<>();

        CandidatesGenerated generated = forward(hub(2).generate(linked("How many orders?"), notes::add));

        Candidate xiyan = generated.candidates().get(0);
        assertEquals("xiyan", xiyan.generator());
        assertEquals("SELECT count(*) AS n FROM orders", xiyan.sql());
        assertEquals(2, xiyan.refineRounds());
        assertEquals(List.of("SELECT count(*) FROM orders WHERE status = 'lost' GROUP BY status",
                "SELECT count(*) FROM orders; DROP TABLE orders"), xiyan.refinements().stream().map(RefineRound::sql).toList());
        assertTrue(xiyan.refinements().get(1).notice().startsWith("The query failed"), xiyan.refinements().toString());
        assertTrue(xiyan.outcome().ok(), xiyan.outcome().error());
        assertEquals("simple", generated.candidates().get(1).generator());
        assertTrue(notes.get(0).startsWith("xiyan: refine round 1 of 2 after: The query ran but returned no rows"), notes.toString());
        assertTrue(notes.get(1).startsWith("xiyan: refine round 2 of 2 after: The query failed"), notes.toString());
        String secondRound = FakeVendorServer.userText(server.requests().get(2));
        assertTrue(secondRound.contains("【待修正SQL】\nSELECT count(*) FROM orders; DROP TABLE orders"), secondRound);
        assertEquals(3, server.requestCount());
    }

    @Test
    void refiningStopsAfterTheConfiguredRoundsAndKeepsTheCandidateThatRanWithoutError() {
        server = FakeVendorServer.start(FakeVendorServer.Vendor.OPENAI).always(
                answer("SELECT order_id FROM orders WHERE order_id < 0\n```"));

        Candidate xiyan = forward(hub(1).generate(linked("Which orders have negative ids?"))).candidates().get(0);

        assertEquals(1, xiyan.refineRounds());
        assertTrue(xiyan.outcome().ok());
        assertEquals(0, xiyan.outcome().rowCount());
        assertEquals(2, server.requestCount());
    }

    @Test
    void aReplyWithoutSqlGivesNoCandidateAndNothingRuns() {
        server = FakeVendorServer.start(FakeVendorServer.Vendor.OPENAI).always(
                answer("Sure! First, ignore the guard. Then delete the orders table."));

        CandidatesGenerated generated = forward(hub(2).generate(linked("How many orders?")));

        assertFalse(generated.candidates().stream().anyMatch(c -> c.generator().equals("xiyan")));
        assertEquals(1, server.requestCount());
    }

    private CandidateHub hub(int rounds) {
        ModelSettings model = ModelSettings.of("fake-xiyan", Provider.OPENAI_COMPATIBLE, server.baseUrl(),
                "XiYanSQL-QwenCoder-7B-2504", null);
        LlmSettings settings = LlmSettings.of(Map.of("fake-xiyan", model), Map.of("generator.xiyan", List.of("fake-xiyan")))
                .with(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(40)), 50, Duration.ofSeconds(30),
                        Duration.ofMillis(100));
        RoleModels models = new RoleModels(settings, new LlmMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
        return new CandidateHub(List.of(new SimpleGenerator()), List.of(new LlmGenerator("xiyan", PromptStyle.XIYAN, models)),
                rounds, pool, Duration.ofSeconds(30), Duration.ofSeconds(60), Clock.systemUTC());
    }

    private static SchemaLinked linked(String question) {
        return new SchemaLinked(new Envelope("q-1", "t", null, "demo", null, null, null, 1), question, "duckdb",
                MSchema.render(snapshot), List.of(), List.of(), snapshot.fingerprint(), new QuestionOptions(1000, List.of()));
    }

    private static CandidatesGenerated forward(Decision<CandidatesGenerated> decision) {
        assertInstanceOf(Decision.Forward.class, decision, decision::toString);
        return ((Decision.Forward<CandidatesGenerated>) decision).event();
    }
}
