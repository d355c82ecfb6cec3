package io.kurobe.data.trino;

import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.ResultColumn;
import io.kurobe.data.duckdb.DuckDbConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Execution on a real Trino coordinator (tpch tiny and the memory catalog): the walls and the errors. */
@ExtendWith(LocalTrino.class)
class TrinoConnectorIT {
    private static final ExecutionLimits LIMITS = new ExecutionLimits(100, Duration.ofSeconds(30));
    private static final String SCHEMA = "kurobe_exec_" + UUID.randomUUID().toString().substring(0, 8);
    private static TrinoConnector tiny;

    @BeforeAll
    static void open() {
        tiny = new TrinoConnector("tiny", LocalTrino.baseUrl() + "/tpch/tiny", "analyst", null);
        LocalTrino.setUp("CREATE SCHEMA memory." + SCHEMA,
                "CREATE TABLE memory." + SCHEMA + ".accounts AS SELECT 1 AS id, 100 AS balance");
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    @Test
    void returnsTypedColumnsAndJsonReadyValues() {
        QueryResult result = tiny.execute("SELECT orderkey, orderdate, totalprice, orderstatus,"
                + " CAST(totalprice AS decimal(12, 2)) AS exact FROM orders ORDER BY orderkey LIMIT 2", LIMITS);
        assertEquals(List.of(new ResultColumn("orderkey", "bigint"), new ResultColumn("orderdate", "date"),
                new ResultColumn("totalprice", "double"), new ResultColumn("orderstatus", "varchar(1)"),
                new ResultColumn("exact", "decimal(12,2)")), result.columns());
        assertEquals(List.of(1L, "1996-01-02", 172799.49, "O", new java.math.BigDecimal("172799.49")),
                result.rows().get(0));
        assertFalse(result.truncated());
    }

    /** Selection compares fingerprints across engines: the same rows give the same one on Trino and DuckDB. */
    @Test
    void fingerprintsEqualDuckDbsForTheSameRows(@TempDir Path dir) throws SQLException {
        Path file = dir.resolve("regions.duckdb");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE region AS SELECT CAST(k AS BIGINT) AS regionkey, n AS name FROM (VALUES"
                    + " (0, 'AFRICA'), (1, 'AMERICA'), (2, 'ASIA'), (3, 'EUROPE'), (4, 'MIDDLE EAST')) AS t(k, n)");
        }
        try (DuckDbConnector duckDb = new DuckDbConnector("duck", "jdbc:duckdb:" + file)) {
            String unordered = "SELECT regionkey, name FROM region";
            String ordered = "SELECT regionkey, name FROM region ORDER BY name DESC";
            assertEquals(duckDb.execute(unordered, LIMITS).fingerprint(), tiny.execute(unordered, LIMITS).fingerprint());
            assertEquals(duckDb.execute(ordered, LIMITS).fingerprint(), tiny.execute(ordered, LIMITS).fingerprint());
            assertFalse(tiny.execute(ordered, LIMITS).fingerprint().equals(tiny.execute(unordered, LIMITS).fingerprint()));
        }
    }

    @Test
    void stopsAtTheRowCapAndCancelsTheRestOnTheCoordinator() throws SQLException {
        String marker = "kurobe_cap_" + UUID.randomUUID().toString().replace("-", "");
        QueryResult result = tiny.execute("SELECT l.*, '" + marker + "' AS m FROM lineitem l CROSS JOIN nation",
                new ExecutionLimits(50, Duration.ofSeconds(60)));
        assertEquals(50, result.rows().size());
        assertTrue(result.truncated());
        assertEquals("FAILED", finalState(marker), "the rest of the query was cancelled, not run to the end");
    }

    @Test
    void cancelsAQueryAtTheTimeout() throws SQLException {
        String marker = "kurobe_slow_" + UUID.randomUUID().toString().replace("-", "");
        QueryFailedException e = assertThrows(QueryFailedException.class, () -> tiny.execute(
                "SELECT count(*), '" + marker + "' FROM lineitem a CROSS JOIN lineitem b WHERE a.comment < b.comment",
                new ExecutionLimits(10, Duration.ofSeconds(2))));
        assertEquals("query cancelled after 2 s timeout", e.getMessage());
        assertEquals(TrinoFailure.TIMEOUT, TrinoFailure.of(e));
        assertEquals("FAILED", finalState(marker));
    }

    /** The second wall: even SQL the guard never saw cannot write, since it runs in a read-only transaction. */
    @Test
    void refusesWritesEvenWithoutTheGuard() throws SQLException {
        try (TrinoConnector memory = new TrinoConnector("m", LocalTrino.baseUrl() + "/memory/" + SCHEMA, null, null)) {
            for (String write : List.of("CREATE TABLE stolen AS SELECT * FROM accounts",
                    "INSERT INTO accounts VALUES (2, 1000000)", "DROP TABLE accounts")) {
                QueryFailedException e = assertThrows(QueryFailedException.class, () -> memory.execute(write, LIMITS),
                        write);
                assertTrue(e.getMessage().contains("Cannot execute write in a read-only transaction"), e.getMessage());
            }
            assertEquals(List.of(List.of(1, 100)), memory.execute("SELECT id, balance FROM accounts", LIMITS).rows());
        }
        assertEquals(0, count("SELECT count(*) FROM memory.information_schema.tables WHERE table_schema = '" + SCHEMA
                + "' AND table_name = 'stolen'"));
    }

    @Test
    void namesTheServersErrorsWithoutItsFraming() {
        QueryFailedException missingTable = assertThrows(QueryFailedException.class,
                () -> tiny.execute("SELECT * FROM nosuch", LIMITS));
        assertEquals("line 1:15: Table 'tpch.tiny.nosuch' does not exist", missingTable.getMessage());
        QueryFailedException syntax = assertThrows(QueryFailedException.class,
                () -> tiny.execute("SELECT name FROM nation; SELECT 1", LIMITS));
        assertTrue(syntax.getMessage().startsWith("line 1:24: mismatched input ';'"), syntax.getMessage());
        assertEquals(TrinoFailure.OTHER, TrinoFailure.of(syntax));
    }

    @Test
    void reportsTheVersionAndAMissingCatalogOrSchema() {
        assertEquals("Trino 476", tiny.serverVersion());
        String hostPort = LocalTrino.baseUrl().substring("jdbc:trino://".length());
        try (TrinoConnector noCatalog = new TrinoConnector("x", LocalTrino.baseUrl() + "/nocat/tiny", null, null)) {
            QueryFailedException e = assertThrows(QueryFailedException.class, noCatalog::serverVersion);
            assertEquals("Catalog 'nocat' not found on Trino at " + hostPort + "; check the catalog in the JDBC URL"
                    + " (jdbc:trino://host:port/catalog[/schema]) against SHOW CATALOGS", e.getMessage());
            assertEquals(TrinoFailure.CATALOG_MISSING, TrinoFailure.of(e));
            QueryFailedException introspection = assertThrows(QueryFailedException.class, noCatalog::introspect);
            assertTrue(introspection.getMessage().startsWith("introspection of x failed: Catalog 'nocat' not found"),
                    introspection.getMessage());
        }
        try (TrinoConnector noSchema = new TrinoConnector("x", LocalTrino.baseUrl() + "/tpch/nosuch", null, null)) {
            QueryFailedException e = assertThrows(QueryFailedException.class, noSchema::serverVersion);
            assertEquals("schema 'nosuch' does not exist in catalog 'tpch' on Trino at " + hostPort + "; check the"
                    + " schema in the JDBC URL (jdbc:trino://host:port/catalog[/schema]) against SHOW SCHEMAS FROM"
                    + " tpch", e.getMessage());
            assertEquals(TrinoFailure.CATALOG_MISSING, TrinoFailure.of(e));
        }
    }

    /** The query's last state on the coordinator, once it is no longer queued or running. */
    private static String finalState(String marker) throws SQLException {
        String sql = "SELECT state FROM system.runtime.queries WHERE query LIKE '%" + marker + "%'"
                + " AND query NOT LIKE '%system.runtime.queries%'";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = single(sql);
            if (state.equals("FINISHED") || state.equals("FAILED")) {
                return state;
            }
            sleep();
        }
        return state;
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(single(sql));
    }

    private static String single(String sql) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "observer");
        try (Connection c = DriverManager.getConnection(LocalTrino.baseUrl(), p);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
