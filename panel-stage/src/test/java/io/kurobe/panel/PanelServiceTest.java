package io.kurobe.panel;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidateSelected;
import io.kurobe.model.Envelope;
import io.kurobe.model.ExecutionOutcome;
import io.kurobe.model.Panel;
import io.kurobe.model.PanelKind;
import io.kurobe.model.PanelsReady;
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

class PanelServiceTest {
    private static final String COUNT_2024 = "SELECT count(*) AS number_of_orders FROM orders"
            + " WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'";

    private static ConnectorPool pool;
    private static PanelService service;

    @BeforeAll
    static void open() {
        pool = new ConnectorPool(Map.of("demo", new ConnectionSpec("demo", Engine.DUCKDB, DemoDb.jdbcUrl(), null, null)));
        service = new PanelService(pool, 100, Duration.ofSeconds(30), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void countIsAKpiEqualToTheDirectQuery() {
        PanelsReady ready = forward(service.answer(selected(COUNT_2024, 1000)));
        Panel kpi = ready.panels().get(0);
        assertEquals(PanelKind.KPI, kpi.kind());
        assertEquals(pool.connector("demo").execute(COUNT_2024, ExecutionLimits.DEFAULT).rows(), kpi.rows());
        assertEquals(COUNT_2024, kpi.sql());
        assertEquals(COUNT_2024, ready.sql());
        assertTrue(ready.offline());
        assertEquals("q-1", ready.questionId());
    }

    @Test
    void monthlyCountsAreATableAndALine() {
        PanelsReady ready = forward(service.answer(selected("SELECT CAST(date_trunc('month', order_date) AS DATE) AS month,"
                + " count(*) AS number_of_orders FROM orders WHERE order_date >= DATE '2024-01-01'"
                + " AND order_date < DATE '2025-01-01' GROUP BY 1 ORDER BY 1", 1000)));
        assertEquals(List.of(PanelKind.TABLE, PanelKind.LINE), ready.panels().stream().map(Panel::kind).toList());
        assertEquals(12, ready.panels().get(0).rows().size());
        assertEquals("2024-01-01", ready.panels().get(0).rows().get(0).get(0));
    }

    @Test
    void rowsAreCappedByTheSmallerOfAskerLimitAndPanelCap() {
        Panel askerCapped = forward(service.answer(selected("SELECT * FROM orders", 7))).panels().get(0);
        assertEquals(7, askerCapped.rows().size());
        assertTrue(askerCapped.truncated());

        Panel panelCapped = forward(service.answer(selected("SELECT * FROM orders", 5000))).panels().get(0);
        assertEquals(100, panelCapped.rows().size());
        assertTrue(panelCapped.truncated());

        Panel whole = forward(service.answer(selected("SELECT * FROM regions", 1000))).panels().get(0);
        assertFalse(whole.truncated());
    }

    @Test
    void executionErrorFailsWithTheDatabasesMessage() {
        Decision.Fail<?> fail = assertInstanceOf(Decision.Fail.class, service.answer(selected("SELECT amount FROM orders", 10)));
        assertEquals("EXECUTION_FAILED", fail.failure().code());
        assertTrue(fail.failure().message().contains("amount"), fail.failure().message());
    }

    @Test
    void writesAreRefusedByTheGuardBeforeTheyRun() {
        Decision.Fail<?> fail = assertInstanceOf(Decision.Fail.class, service.answer(selected("DELETE FROM orders", 10)));
        assertEquals("SQL_REJECTED", fail.failure().code());
        assertEquals(pool.connector("demo").execute("SELECT count(*) FROM orders", ExecutionLimits.DEFAULT).rows(),
                List.of(List.of(20_000L)));
    }

    @Test
    void fileReadingFunctionIsRefusedByTheGuard() {
        Decision.Fail<?> fail = assertInstanceOf(Decision.Fail.class,
                service.answer(selected("SELECT * FROM read_csv('/etc/passwd')", 10)));
        assertEquals("SQL_REJECTED", fail.failure().code());
        assertTrue(fail.failure().message().contains("read_csv"), fail.failure().message());
    }

    @Test
    void truncationIsReportedWhenTheResultExceedsTheCap() {
        PanelsReady ready = forward(service.answer(selected("SELECT order_id FROM orders", 5)));
        assertEquals(5, ready.panels().get(0).rows().size());
        assertTrue(ready.panels().get(0).truncated());
    }

    @Test
    void slowQueryIsCancelledAtTheTimeout() {
        PanelService impatient = new PanelService(pool, 100, Duration.ofMillis(200), Clock.systemUTC());
        Decision.Fail<?> fail = assertInstanceOf(Decision.Fail.class, impatient.answer(selected(
                "SELECT sum(a.order_id * b.order_id * c.line_no) FROM orders a, orders b, order_lines c", 10)));
        assertEquals("EXECUTION_FAILED", fail.failure().code());
        assertTrue(fail.failure().message().contains("cancelled"), fail.failure().message());
    }

    private static PanelsReady forward(Decision<PanelsReady> decision) {
        assertInstanceOf(Decision.Forward.class, decision, decision::toString);
        return ((Decision.Forward<PanelsReady>) decision).event();
    }

    private static CandidateSelected selected(String sql, int rowLimit) {
        Candidate chosen = new Candidate(sql, "simple", 0, ExecutionOutcome.success(1, "fp", 1));
        return new CandidateSelected(new Envelope("q-1", "t", null, "demo", null, null, null, 1), "the question",
                "duckdb", "schema-fp", chosen, SelectionMethod.ONLY_CANDIDATE, 1.0, 1.0, "1 of 1",
                List.of(), new QuestionOptions(rowLimit, List.of()));
    }
}
