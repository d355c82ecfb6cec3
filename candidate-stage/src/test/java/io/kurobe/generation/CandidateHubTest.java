package io.kurobe.generation;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.Connector;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryResult;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.mschema.MSchema;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.Envelope;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.SchemaLinked;
import io.kurobe.stage.Decision;
import io.kurobe.stage.testing.DemoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidateHubTest {
    private static ConnectorPool pool;
    private static Connector demo;
    private static SchemaSnapshot snapshot;
    private static CandidateHub hub;

    @BeforeAll
    static void open() {
        pool = new ConnectorPool(Map.of("demo", new ConnectionSpec("demo", Engine.DUCKDB, DemoDb.jdbcUrl(), null, null)));
        demo = pool.connector("demo");
        snapshot = demo.introspect();
        hub = new CandidateHub(List.of(new SimpleGenerator()), pool, Duration.ofSeconds(30), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void ordersPlacedIn2024CountEqualsTheDirectQuery() {
        Candidate candidate = only(generate("How many orders were placed in 2024?", 1000));
        QueryResult direct = run("SELECT count(*) FROM orders WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'");
        QueryResult all = run("SELECT count(*) FROM orders");

        assertTrue(candidate.outcome().ok(), candidate.outcome().error());
        assertEquals(1, candidate.outcome().rowCount());
        assertEquals(direct.rows(), run(candidate.sql()).rows());
        assertEquals(direct.fingerprint(), candidate.outcome().resultFingerprint());
        assertTrue(((Number) direct.rows().get(0).get(0)).longValue() < ((Number) all.rows().get(0).get(0)).longValue());
    }

    @Test
    void cancelledOrdersOf2024AreFilteredOnStatus() {
        Candidate candidate = only(generate("How many cancelled orders were placed in 2024?", 1000));
        QueryResult direct = run("SELECT count(*) FROM orders WHERE status = 'cancelled'"
                + " AND order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'");
        assertEquals(direct.rows(), run(candidate.sql()).rows());
    }

    @Test
    void totalAmountByStatusGroups() {
        Candidate candidate = only(generate("What is the total amount of orders by status?", 1000));
        QueryResult direct = run("SELECT status, sum(total_amount) FROM orders GROUP BY status ORDER BY status");

        assertTrue(candidate.sql().contains("GROUP BY"), candidate.sql());
        assertEquals(direct.rows().size(), candidate.outcome().rowCount());
        assertEquals(direct.rows(), run(candidate.sql()).rows());
    }

    @Test
    void listsTheProductsWithinTheRowLimit() {
        Candidate all = only(generate("List the products", 1000));
        assertEquals(run("SELECT count(*) FROM products").rows().get(0).get(0), all.outcome().rowCount());
        assertEquals(List.of("product_id", "name", "category", "unit_price"),
                run(all.sql()).columns().stream().map(c -> c.name()).toList());

        Candidate capped = only(generate("List the products", 10));
        assertEquals(10, capped.outcome().rowCount());
    }

    @Test
    void unmappableQuestionFailsWithTheGeneratorsReason() {
        Decision<CandidatesGenerated> decision = hub.generate(linked("Why did the weather change?", 1000, "demo"));
        Decision.Fail<?> fail = assertInstanceOf(Decision.Fail.class, decision);
        assertEquals("NO_CANDIDATE", fail.failure().code());
        assertTrue(fail.failure().message().contains("simple: no table of the schema matches"), fail.failure().message());
    }

    @Test
    void executionErrorTravelsWithItsCandidate() {
        SqlGenerator broken = new SqlGenerator() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Generated generate(GenerationRequest request) {
                return Generated.sql("SELECT amount FROM orders");
            }
        };
        CandidateHub both = new CandidateHub(List.of(broken, new SimpleGenerator()), pool, Duration.ofSeconds(30), Clock.systemUTC());
        Decision<CandidatesGenerated> decision = both.generate(linked("How many orders?", 1000, "demo"));
        List<Candidate> candidates = forward(decision).candidates();

        assertEquals(List.of("broken", "simple"), candidates.stream().map(Candidate::generator).toList());
        assertFalse(candidates.get(0).outcome().ok());
        assertTrue(candidates.get(0).outcome().error().contains("amount"), candidates.get(0).outcome().error());
        assertTrue(candidates.get(1).outcome().ok());
    }

    @Test
    void candidateTheGuardRefusesIsRecordedWithTheReasonAndNeverRuns() {
        SqlGenerator hostile = new SqlGenerator() {
            @Override
            public String name() {
                return "hostile";
            }

            @Override
            public Generated generate(GenerationRequest request) {
                return Generated.sql("SELECT 1; DROP TABLE orders");
            }
        };
        CandidateHub both = new CandidateHub(List.of(hostile, new SimpleGenerator()), pool, Duration.ofSeconds(30),
                Clock.systemUTC());
        List<Candidate> candidates = forward(both.generate(linked("How many orders?", 1000, "demo"))).candidates();

        assertFalse(candidates.get(0).outcome().ok());
        assertTrue(candidates.get(0).outcome().error().startsWith("rejected by the SQL guard"),
                candidates.get(0).outcome().error());
        assertTrue(candidates.get(1).outcome().ok(), "orders is still there to count");
    }

    @Test
    void unknownConnectionFails() {
        Decision.Fail<?> fail = assertInstanceOf(Decision.Fail.class, hub.generate(linked("How many orders?", 10, "nope")));
        assertEquals("UNKNOWN_CONNECTION", fail.failure().code());
    }

    @Test
    void enablingAnUnknownGeneratorIsAConfigurationError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CandidateHub.enabled(List.of(new SimpleGenerator()), List.of("simple", "icl")));
        assertTrue(e.getMessage().contains("'icl'"), e.getMessage());
    }

    private static Candidate only(CandidatesGenerated generated) {
        assertEquals(1, generated.candidates().size());
        return generated.candidates().get(0);
    }

    private static CandidatesGenerated generate(String question, int rowLimit) {
        return forward(hub.generate(linked(question, rowLimit, "demo")));
    }

    private static CandidatesGenerated forward(Decision<CandidatesGenerated> decision) {
        assertInstanceOf(Decision.Forward.class, decision, decision::toString);
        return ((Decision.Forward<CandidatesGenerated>) decision).event();
    }

    private static QueryResult run(String sql) {
        return demo.execute(sql, ExecutionLimits.DEFAULT);
    }

    private static SchemaLinked linked(String question, int rowLimit, String connectionId) {
        return new SchemaLinked(new Envelope("q-1", "t", null, connectionId, null, null, null, 1), question, "duckdb",
                MSchema.render(snapshot), List.of(), List.of(), snapshot.fingerprint(),
                new QuestionOptions(rowLimit, List.of()));
    }
}
