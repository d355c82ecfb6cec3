package io.kurobe.data;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardedExecutorTest {
    private static ConnectorPool pool;
    private static GuardedExecutor executor;
    private static final ExecutionLimits LIMITS = new ExecutionLimits(10, Duration.ofSeconds(30));

    @BeforeAll
    static void open() {
        pool = new ConnectorPool(Map.of("demo", new ConnectionSpec("demo", Engine.DUCKDB, DemoFixture.demoUrl(),
                null, null)));
        executor = new GuardedExecutor(pool);
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void runsAReadQueryOnTheSchemaTables() {
        QueryResult result = executor.execute("demo", "SELECT count(*) FROM orders", LIMITS);
        assertEquals(20_000L, ((Number) result.rows().get(0).get(0)).longValue());
    }

    @Test
    void capsRowsAndStillSeesTheResultWasTruncated() {
        QueryResult result = executor.execute("demo", "SELECT order_id FROM orders", LIMITS);
        assertEquals(10, result.rows().size());
        assertTrue(result.truncated());
        QueryResult small = executor.execute("demo", "SELECT region_id FROM regions LIMIT 3", LIMITS);
        assertFalse(small.truncated());
    }

    @Test
    void refusesWhatTheGuardRefusesWithItsReason() {
        QueryRejectedException e = assertThrows(QueryRejectedException.class,
                () -> executor.execute("demo", "SELECT * FROM read_text('/etc/passwd')", LIMITS));
        assertTrue(e.getMessage().startsWith("rejected by the SQL guard: "), e.getMessage());
        assertThrows(QueryRejectedException.class,
                () -> executor.execute("demo", "SELECT * FROM secrets", LIMITS));
    }

    @Test
    void unknownConnectionIsNamed() {
        assertThrows(UnknownConnectionException.class, () -> executor.execute("nope", "SELECT 1", LIMITS));
    }
}
