package io.kurobe.data.duckdb;

import io.kurobe.data.DemoFixture;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.ResultColumn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuckDbConnectorTest {
    private static DuckDbConnector connector;

    @BeforeAll
    static void open() {
        connector = new DuckDbConnector("demo", DemoFixture.demoUrl());
    }

    @AfterAll
    static void close() {
        connector.close();
    }

    @Test
    void readsAtMostTheRowCapAndSaysMoreExisted() {
        QueryResult result = connector.execute("SELECT order_id FROM orders", new ExecutionLimits(10, Duration.ofSeconds(30)));
        assertEquals(10, result.rows().size());
        assertTrue(result.truncated());
    }

    @Test
    void readsOnlyTheRowsItKeepsOfAHugeResult() {
        QueryResult result = connector.execute("SELECT range, range * 2 FROM range(100000000000)",
                new ExecutionLimits(5, Duration.ofSeconds(30)));
        assertEquals(List.of(List.of(0L, 0L), List.of(1L, 2L), List.of(2L, 4L), List.of(3L, 6L), List.of(4L, 8L)),
                result.rows());
        assertTrue(result.truncated());
    }

    @Test
    void servesConcurrentCallsEachOnItsOwnConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<QueryResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int region = i % 8 + 1;
                results.add(pool.submit(() -> connector.execute(
                        "SELECT count(*) FROM customers WHERE region_id = " + region, ExecutionLimits.DEFAULT)));
            }
            for (int i = 0; i < 16; i++) {
                assertEquals(results.get(i % 8).get().rows(), results.get(i).get().rows());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resultThatFitsTheCapIsNotTruncated() {
        QueryResult result = connector.execute("SELECT region_id FROM regions", new ExecutionLimits(8, Duration.ofSeconds(30)));
        assertEquals(8, result.rows().size());
        assertFalse(result.truncated());
    }

    @Test
    void typesColumnsAndConvertsValuesToPlainJavaTypes() {
        QueryResult result = connector.execute("SELECT order_id, order_date, total_amount, status,"
                + " TIMESTAMP '2024-03-01 10:00:00' AS ts, count(*) OVER () AS n, 1.5::DOUBLE AS d, true AS b"
                + " FROM orders WHERE order_id = 1", ExecutionLimits.DEFAULT);
        assertEquals(List.of(new ResultColumn("order_id", "INTEGER"), new ResultColumn("order_date", "DATE"),
                new ResultColumn("total_amount", "DECIMAL(12,2)"), new ResultColumn("status", "VARCHAR"),
                new ResultColumn("ts", "TIMESTAMP"), new ResultColumn("n", "BIGINT"),
                new ResultColumn("d", "DOUBLE"), new ResultColumn("b", "BOOLEAN")), result.columns());
        List<Object> row = result.rows().get(0);
        assertEquals(1, row.get(0));
        assertEquals("2021-01-01", row.get(1));
        assertTrue(row.get(2) instanceof BigDecimal);
        assertEquals("2024-03-01T10:00:00", row.get(4));
        assertEquals(1L, row.get(5));
        assertEquals(1.5, row.get(6));
        assertEquals(true, row.get(7));
    }

    @Test
    void timeoutCancelsALongQueryAndSaysSo() {
        QueryFailedException e = assertThrows(QueryFailedException.class, () -> connector.execute(
                "SELECT count(*) FROM range(100000000) a, range(100000000) b WHERE a.range + b.range = 7",
                new ExecutionLimits(10, Duration.ofMillis(300))));
        assertEquals("query cancelled after 300 ms timeout", e.getMessage());
        assertEquals(8L, ((Number) connector.execute("SELECT count(*) FROM regions", ExecutionLimits.DEFAULT)
                .rows().get(0).get(0)).longValue(), "the connector still serves after a cancel");
    }

    @Test
    void timeoutMessageNamesWholeSeconds() {
        QueryFailedException e = assertThrows(QueryFailedException.class, () -> connector.execute(
                "SELECT count(*) FROM range(100000000) a, range(100000000) b WHERE a.range + b.range = 7",
                new ExecutionLimits(10, Duration.ofSeconds(1))));
        assertEquals("query cancelled after 1 s timeout", e.getMessage());
    }

    @Test
    void missingTableErrorIsPassedThroughReadably() {
        QueryFailedException e = assertThrows(QueryFailedException.class,
                () -> connector.execute("SELECT * FROM x", ExecutionLimits.DEFAULT));
        assertTrue(e.getMessage().startsWith("Catalog Error: Table with name x does not exist!"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE t (a INTEGER)",
        "INSERT INTO regions VALUES (99, 'Nowhere', 'Nowhere')",
        "UPDATE orders SET status = 'x'",
        "COPY orders TO '/tmp/kurobe-orders.csv'",
        "SELECT * FROM read_csv('/etc/passwd')",
        "ATTACH '/tmp/kurobe-other.duckdb' AS other",
        "ATTACH ':memory:' AS scratch",
        "SET enable_external_access = true",
        "INSTALL httpfs",
        "LOAD httpfs"})
    void refusesEverythingButReading(String sql) {
        assertThrows(QueryFailedException.class, () -> connector.execute(sql, ExecutionLimits.DEFAULT));
    }

    @Test
    void fingerprintIgnoresRowOrderWithoutOrderBy() {
        String a = connector.execute("SELECT region_id, name FROM regions WHERE region_id IN (1, 2, 3)"
                + " UNION ALL SELECT 0, 'zero'", ExecutionLimits.DEFAULT).fingerprint();
        String b = connector.execute("SELECT 0, 'zero' UNION ALL SELECT region_id, name FROM regions"
                + " WHERE region_id IN (3, 2, 1)", ExecutionLimits.DEFAULT).fingerprint();
        assertEquals(a, b);
    }

    @Test
    void fingerprintKeepsRowOrderWithTopLevelOrderBy() {
        String up = connector.execute("SELECT region_id FROM regions ORDER BY region_id", ExecutionLimits.DEFAULT)
                .fingerprint();
        String down = connector.execute("SELECT region_id FROM regions ORDER BY region_id DESC", ExecutionLimits.DEFAULT)
                .fingerprint();
        assertNotEquals(up, down);
    }

    @Test
    void fingerprintTreatsEqualNumbersOfDifferentTypesAlike() {
        String integer = connector.execute("SELECT 3 AS n", ExecutionLimits.DEFAULT).fingerprint();
        String decimal = connector.execute("SELECT 3.0 AS total", ExecutionLimits.DEFAULT).fingerprint();
        String dbl = connector.execute("SELECT 3.0000000001::DOUBLE", ExecutionLimits.DEFAULT).fingerprint();
        String other = connector.execute("SELECT 3.01", ExecutionLimits.DEFAULT).fingerprint();
        assertEquals(integer, decimal);
        assertEquals(integer, dbl);
        assertNotEquals(integer, other);
    }

    @Test
    void twoConnectorsOpenTheSameFileReadOnlyAtOnce() {
        try (DuckDbConnector second = new DuckDbConnector("demo", DemoFixture.demoUrl())) {
            QueryResult a = connector.execute("SELECT count(*) FROM orders", ExecutionLimits.DEFAULT);
            QueryResult b = second.execute("SELECT count(*) FROM orders", ExecutionLimits.DEFAULT);
            assertEquals(a.rows(), b.rows());
        }
    }

    @Test
    void anotherProcessOpensTheFileWhileThisOneHoldsIt() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ReadOnlyProbe.class.getName(), DemoFixture.demoFile().toString())
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, child.exitValue(), output);
        assertEquals(String.valueOf(connector.execute("SELECT count(*) FROM orders", ExecutionLimits.DEFAULT)
                .rows().get(0).get(0)), output);
    }

    @Test
    void missingFileFailsToOpenWithItsName() {
        QueryFailedException e = assertThrows(QueryFailedException.class,
                () -> new DuckDbConnector("gone", "jdbc:duckdb:/nonexistent/kurobe.duckdb"));
        assertTrue(e.getMessage().contains("/nonexistent/kurobe.duckdb"), e.getMessage());
    }
}
