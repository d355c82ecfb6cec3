package io.kurobe.selection;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidateSelected;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.Envelope;
import io.kurobe.model.ExecutionOutcome;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.SelectionMethod;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every candidate is executed on the demo database through the guard, then chosen among by its result. */
class SelectionServiceTest {
    private static final ExecutionLimits LIMITS = new ExecutionLimits(1000, Duration.ofSeconds(10));
    private static ConnectorPool pool;

    @BeforeAll
    static void openDemo() {
        pool = new ConnectorPool(Map.of("demo", new ConnectionSpec("demo", Engine.DUCKDB, DemoDb.jdbcUrl(), null, null)));
    }

    @AfterAll
    static void closeDemo() {
        pool.close();
    }

    private final SelectionService service = new SelectionService(pool, List.of(), LIMITS, Clock.systemUTC());

    @Test
    void agreementIsUnanimous() {
        Candidate first = candidate("SELECT count(*) FROM orders", "simple");
        Candidate second = candidate("SELECT count(order_id) FROM orders", "icl");
        CandidateSelected selected = forward(service, "How many orders?", first, second);
        assertEquals(first, selected.chosen());
        assertEquals(SelectionMethod.UNANIMOUS, selected.method());
        assertEquals(1.0, selected.voteShare());
        assertEquals(List.of(second), selected.runnersUp());
        assertTrue(selected.reasoning().startsWith("chose simple: 2 of 2 candidates returned this result"),
                selected.reasoning());
        assertFalse(selected.reasoning().contains("low confidence"), selected.reasoning());
    }

    @Test
    void largestGroupWinsASplitVote() {
        Candidate lone = candidate("SELECT count(*) FROM customers", "simple");
        Candidate agreeing1 = candidate("SELECT count(*) FROM orders", "icl");
        Candidate agreeing2 = candidate("SELECT count(order_id) AS n FROM orders", "fine-tuned");
        CandidateSelected selected = forward(service, "How many orders?", lone, agreeing1, agreeing2);
        assertEquals(agreeing1, selected.chosen());
        assertEquals(SelectionMethod.MAJORITY, selected.method());
        assertEquals(2.0 / 3, selected.voteShare(), 1e-9);
        assertEquals(List.of(lone, agreeing2), selected.runnersUp());
        assertTrue(selected.reasoning().startsWith("chose icl: 2 of 3"), selected.reasoning());
    }

    @Test
    void evenSplitGoesToTheFirstGeneratorWithLowConfidenceSaid() {
        Candidate first = candidate("SELECT count(*) FROM customers", "simple");
        Candidate second = candidate("SELECT count(*) FROM orders", "icl");
        CandidateSelected selected = forward(service, "How many orders?", first, second);
        assertEquals(first, selected.chosen());
        assertEquals(SelectionMethod.RULES, selected.method());
        assertEquals(0.5, selected.voteShare());
        assertTrue(selected.confidence() < 0.6, "confidence " + selected.confidence());
        assertTrue(selected.reasoning().contains("low confidence"), selected.reasoning());
    }

    @Test
    void configuredPriorBreaksTheTie() {
        SelectionService iclFirst = new SelectionService(pool, List.of("icl", "simple"), LIMITS, Clock.systemUTC());
        Candidate first = candidate("SELECT count(*) FROM customers", "simple");
        Candidate second = candidate("SELECT count(*) FROM orders", "icl");
        assertEquals(second, forward(iclFirst, "How many orders?", first, second).chosen());
    }

    @Test
    void resultShapeBeatsTheEarlierGenerator() {
        Candidate list = candidate("SELECT order_id FROM orders ORDER BY order_id LIMIT 5", "simple");
        Candidate count = candidate("SELECT count(*) FROM orders", "icl");
        CandidateSelected selected = forward(service, "How many orders are there?", list, count);
        assertEquals(count, selected.chosen());
        assertEquals(SelectionMethod.RULES, selected.method());
        assertTrue(selected.reasoning().startsWith("chose icl"), selected.reasoning());
    }

    @Test
    void erroringCandidateIsSkippedAndLowersTheShare() {
        Candidate broken = candidate("SELECT amount FROM orders", "icl");
        Candidate working = candidate("SELECT sum(total_amount) FROM orders", "simple");
        CandidateSelected selected = forward(service, "What is the total of all orders?", broken, working);
        assertEquals(working, selected.chosen());
        assertEquals(SelectionMethod.ONLY_CANDIDATE, selected.method());
        assertEquals(0.5, selected.voteShare());
        assertEquals(List.of(broken), selected.runnersUp());
        assertTrue(selected.reasoning().contains("1 failed or were refused"), selected.reasoning());
    }

    @Test
    void allFailingIsNoExecutableCandidateWithTheErrors() {
        Decision.Fail<?> fail = assertInstanceOf(Decision.Fail.class, service.select(generated("demo",
                "How many orders?",
                candidate("SELECT x FROM orders", "simple"),
                candidate("DELETE FROM orders", "icl"))));
        assertEquals("NO_EXECUTABLE_CANDIDATE", fail.failure().code());
        assertTrue(fail.failure().message().contains("simple: "), fail.failure().message());
        assertTrue(fail.failure().message().contains("icl: refused by the guard"), fail.failure().message());
        assertEquals(1L, count("SELECT count(*) FROM orders WHERE order_id = 1"), "the DELETE did not run");
    }

    @Test
    void noCandidatesAtAllFails() {
        Decision.Fail<?> fail = assertInstanceOf(Decision.Fail.class,
                service.select(generated("demo", "How many orders?")));
        assertEquals("NO_EXECUTABLE_CANDIDATE", fail.failure().code());
    }

    @Test
    void unknownConnectionFails() {
        Decision.Fail<?> fail = assertInstanceOf(Decision.Fail.class, service.select(generated("nowhere",
                "How many orders?", candidate("SELECT count(*) FROM orders", "simple"))));
        assertEquals("UNKNOWN_CONNECTION", fail.failure().code());
        assertTrue(fail.failure().message().contains("'nowhere'"), fail.failure().message());
    }

    @Test
    void carriesTheQuestionAndOptionsOn() {
        CandidateSelected selected = forward(service, "How many orders?", candidate("SELECT 1", "simple"));
        assertEquals("How many orders?", selected.question());
        assertEquals("duckdb", selected.dialect());
        assertEquals("schema-fp", selected.schemaFingerprint());
        assertEquals(25, selected.options().rowLimit());
        assertEquals("q-7", selected.questionId());
    }

    private static long count(String sql) {
        return ((Number) pool.connector("demo").execute(sql, LIMITS).rows().get(0).get(0)).longValue();
    }

    private static CandidateSelected forward(SelectionService service, String question, Candidate... candidates) {
        Decision<CandidateSelected> decision = service.select(generated("demo", question, candidates));
        assertInstanceOf(Decision.Forward.class, decision, decision::toString);
        return ((Decision.Forward<CandidateSelected>) decision).event();
    }

    private static CandidatesGenerated generated(String connectionId, String question, Candidate... candidates) {
        return new CandidatesGenerated(new Envelope("q-7", "t", null, connectionId, null, null, null, 1),
                question, "duckdb", "【DB_ID】 demo", "schema-fp", List.of(candidates),
                new QuestionOptions(25, List.of()));
    }

    /** As candidate-stage sends them: the trial outcome is carried, but selection executes again. */
    private static Candidate candidate(String sql, String generator) {
        return new Candidate(sql, generator, 0, ExecutionOutcome.success(1, "fp", 3));
    }
}
