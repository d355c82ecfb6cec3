package io.kurobe.data;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
    void aNewTableIsAllowedAfterTheIntervalAndAnUnchangedSchemaIsNotIntrospectedAgain(@TempDir Path dir)
            throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("shop.db");
        write(url, "CREATE TABLE products (product_id INTEGER PRIMARY KEY, name VARCHAR)");
        AtomicInteger introspections = new AtomicInteger();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T04:00:00Z"));
        ConnectionSpec spec = new ConnectionSpec("shop", Engine.SQLITE, url, null, null);
        ConnectorPool counted = new ConnectorPool(Map.of("shop", spec), opened -> new CountingConnector(
                Connectors.open(opened), introspections));
        try {
            GuardedExecutor guarded = new GuardedExecutor(counted, now::get);
            guarded.execute("shop", "SELECT count(*) FROM products", LIMITS);
            write(url, "CREATE TABLE suppliers (supplier_id INTEGER)");
            assertThrows(QueryRejectedException.class,
                    () -> guarded.execute("shop", "SELECT count(*) FROM suppliers", LIMITS),
                    "the tables read a moment ago are trusted for a minute");

            now.set(now.get().plusSeconds(61));
            guarded.execute("shop", "SELECT count(*) FROM suppliers", LIMITS);
            assertEquals(2, introspections.get(), "the changed structure was read again");

            now.set(now.get().plusSeconds(61));
            write(url, "INSERT INTO suppliers VALUES (7)");
            guarded.execute("shop", "SELECT count(*) FROM products", LIMITS);
            assertEquals(2, introspections.get(), "new rows are not a new structure: no third introspection");
        } finally {
            counted.close();
        }
    }

    private static void write(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A real connector that counts its full introspections. */
    private record CountingConnector(Connector real, AtomicInteger introspections) implements Connector {
        @Override
        public Engine engine() {
            return real.engine();
        }

        @Override
        public SchemaSnapshot introspect() {
            introspections.incrementAndGet();
            return real.introspect();
        }

        @Override
        public String structureHash() {
            return real.structureHash();
        }

        @Override
        public QueryResult execute(String sql, ExecutionLimits limits) {
            return real.execute(sql, limits);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @Test
    void unknownConnectionIsNamed() {
        assertThrows(UnknownConnectionException.class, () -> executor.execute("nope", "SELECT 1", LIMITS));
    }
}
