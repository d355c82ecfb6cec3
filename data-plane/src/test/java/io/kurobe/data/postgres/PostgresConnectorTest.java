package io.kurobe.data.postgres;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.Connector;
import io.kurobe.data.Connectors;
import io.kurobe.data.DemoFixture;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.ResultColumn;
import io.kurobe.data.duckdb.DuckDbConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Execution on the machine's PostgreSQL, over a copy of the demo database's regions and orders. */
class PostgresConnectorTest {
    private static final String DB = "kurobe_dp_pg_exec";
    private static final ExecutionLimits SHORT = new ExecutionLimits(10, Duration.ofMillis(300));
    private static PostgresConnector connector;
    private static DuckDbConnector duck;

    @BeforeAll
    static void createDatabase() throws SQLException {
        LocalPostgres.assumeRunning();
        LocalPostgres.recreate(DB);
        LocalPostgres.run(DB, "CREATE TABLE regions (region_id integer PRIMARY KEY, name text NOT NULL,"
                + " country text NOT NULL);"
                + "CREATE TABLE orders (order_id integer PRIMARY KEY, customer_id integer NOT NULL,"
                + " order_date date NOT NULL, status text NOT NULL, total_amount numeric(12,2) NOT NULL);"
                + "CREATE TABLE notes (note_id integer PRIMARY KEY, body text);"
                + "CREATE SEQUENCE note_ids");
        duck = new DuckDbConnector("demo", DemoFixture.demoUrl());
        copy("SELECT region_id, name, country FROM regions", "INSERT INTO regions VALUES (?, ?, ?)");
        copy("SELECT order_id, customer_id, order_date, status, total_amount FROM orders",
                "INSERT INTO orders VALUES (?, ?, ?::date, ?, ?)");
        connector = new PostgresConnector("shop", LocalPostgres.url(DB), LocalPostgres.USER, null);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (connector != null) {
            connector.close();
        }
        if (duck != null) {
            duck.close();
        }
        LocalPostgres.drop(DB);
    }

    /** Copies the rows of a DuckDB demo query into PostgreSQL, so both engines hold the same data. */
    private static void copy(String select, String insert) throws SQLException {
        QueryResult rows = duck.execute(select, new ExecutionLimits(1_000_000, Duration.ofSeconds(60)));
        try (Connection admin = LocalPostgres.admin(DB); PreparedStatement s = admin.prepareStatement(insert)) {
            for (List<Object> row : rows.rows()) {
                for (int i = 0; i < row.size(); i++) {
                    s.setObject(i + 1, row.get(i));
                }
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    @Test
    void configuredPostgresConnectionsOpenThisConnector() {
        try (Connector opened = Connectors.open(new ConnectionSpec("shop", Engine.POSTGRES, LocalPostgres.url(DB),
                LocalPostgres.USER, null))) {
            assertEquals(Engine.POSTGRES, opened.engine());
            assertEquals(List.of(List.of(8L)),
                    opened.execute("SELECT count(*) FROM regions", ExecutionLimits.DEFAULT).rows());
        }
    }

    @Test
    void readsAtMostTheRowCapAndSaysMoreExisted() {
        QueryResult result = connector.execute("SELECT order_id FROM orders", new ExecutionLimits(10, Duration.ofSeconds(30)));
        assertEquals(10, result.rows().size());
        assertTrue(result.truncated());
    }

    @Test
    void resultThatFitsTheCapIsNotTruncated() {
        QueryResult result = connector.execute("SELECT region_id FROM regions", new ExecutionLimits(8, Duration.ofSeconds(30)));
        assertEquals(8, result.rows().size());
        assertFalse(result.truncated());
    }

    /** Without the cap reaching the server, a hundred billion rows would not come back within the timeout. */
    @Test
    void readsOnlyTheRowsItKeepsOfAHugeResult() {
        QueryResult result = connector.execute("SELECT generate_series(1, 100000000000) AS n",
                new ExecutionLimits(5, Duration.ofSeconds(30)));
        assertEquals(List.of(List.of(1L), List.of(2L), List.of(3L), List.of(4L), List.of(5L)), result.rows());
        assertTrue(result.truncated());
    }

    @Test
    void typesColumnsAndConvertsValuesToPlainJavaTypes() {
        QueryResult result = connector.execute("SELECT order_id, order_date, total_amount, status,"
                + " TIMESTAMP '2024-03-01 10:00:00' AS ts, count(*) OVER () AS n, 1.5::float8 AS d, true AS b"
                + " FROM orders WHERE order_id = 1", ExecutionLimits.DEFAULT);
        assertEquals(List.of(new ResultColumn("order_id", "int4"), new ResultColumn("order_date", "date"),
                new ResultColumn("total_amount", "numeric"), new ResultColumn("status", "text"),
                new ResultColumn("ts", "timestamp"), new ResultColumn("n", "int8"),
                new ResultColumn("d", "float8"), new ResultColumn("b", "bool")), result.columns());
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
    void servesConcurrentCallsFromItsPool() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<QueryResult>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int region = i % 8 + 1;
                results.add(threads.submit(() -> connector.execute(
                        "SELECT count(*) FROM orders WHERE customer_id % 8 = " + region % 8, ExecutionLimits.DEFAULT)));
            }
            for (int i = 0; i < 24; i++) {
                assertEquals(results.get(i % 8).get().rows(), results.get(i).get().rows());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void timeoutCancelsASleepingQueryAndSaysSo() {
        QueryFailedException e = assertThrows(QueryFailedException.class,
                () -> connector.execute("SELECT pg_sleep(5)", SHORT));
        assertEquals("query cancelled after 300 ms timeout", e.getMessage());
        assertEquals(8L, count("regions"), "the connector still serves after a cancel");
    }

    @Test
    void timeoutCancelsAHeavyJoin() {
        QueryFailedException e = assertThrows(QueryFailedException.class, () -> connector.execute(
                "SELECT count(*) FROM orders a, orders b, orders c WHERE a.order_id + b.order_id = c.order_id", SHORT));
        assertEquals("query cancelled after 300 ms timeout", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO regions VALUES (99, 'Nowhere', 'Nowhere')",
        "UPDATE orders SET status = 'x'",
        "DELETE FROM notes",
        "CREATE TABLE t (a integer)",
        "DROP TABLE notes",
        "TRUNCATE notes",
        "WITH gone AS (DELETE FROM regions RETURNING *) SELECT count(*) FROM gone",
        "SELECT nextval('note_ids')",
        "SELECT setval('note_ids', 42)",
        "CREATE TEMP TABLE scratch AS SELECT 1 AS a"})
    void readOnlyTransactionRefusesEveryWrite(String sql) {
        QueryFailedException e = assertThrows(QueryFailedException.class,
                () -> connector.execute(sql, ExecutionLimits.DEFAULT));
        assertTrue(e.getMessage().contains("in a read-only transaction"), e.getMessage());
        assertEquals(8L, count("regions"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1; DROP TABLE notes",
        "SELECT 1; COMMIT; DROP TABLE notes",
        "SELECT 1;COMMIT;SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE;DROP TABLE notes",
        "SELECT 'a;b'; DROP TABLE notes",
        "SELECT 1; -- a trailing comment"})
    void refusesMoreThanOneStatement(String sql) throws SQLException {
        QueryFailedException e = assertThrows(QueryFailedException.class,
                () -> connector.execute(sql, ExecutionLimits.DEFAULT));
        assertTrue(e.getMessage().startsWith("one statement per query"), e.getMessage());
        try (Connection admin = LocalPostgres.admin(DB); Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('public.notes') IS NOT NULL")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "table notes survived");
        }
    }

    @Test
    void semicolonsInsideLiteralsAndATrailingSemicolonAreOneStatement() {
        QueryResult result = connector.execute("SELECT 'a;b' AS s, $$c;d$$ AS t;", ExecutionLimits.DEFAULT);
        assertEquals(List.of(List.of("a;b", "c;d")), result.rows());
    }

    /** Generated SQL runs as a plain statement over the extended protocol, so '?' stays an operator. */
    @Test
    void questionMarkIsAnOperatorNotAParameter() {
        QueryResult result = connector.execute("SELECT '{\"a\": 1}'::jsonb ? 'a' AS has_a", ExecutionLimits.DEFAULT);
        assertEquals(List.of(List.of(true)), result.rows());
    }

    @Test
    void refusesSqlWithoutAStatement() {
        QueryFailedException e = assertThrows(QueryFailedException.class,
                () -> connector.execute(" ; ", ExecutionLimits.DEFAULT));
        assertEquals("the SQL holds no statement", e.getMessage());
    }

    /** A statement may change settings of its own transaction, never of the next call on the same connection. */
    @Test
    void settingsChangedByAQueryDoNotOutliveIt() {
        try (PostgresConnector single = new PostgresConnector("shop", LocalPostgres.url(DB), LocalPostgres.USER, null, 1)) {
            single.execute("SELECT set_config('default_transaction_read_only', 'off', false),"
                    + " set_config('statement_timeout', '0', false),"
                    + " set_config('standard_conforming_strings', 'off', false)", ExecutionLimits.DEFAULT);
            QueryResult settings = single.execute("SELECT current_setting('transaction_read_only'),"
                    + " current_setting('default_transaction_read_only'), current_setting('standard_conforming_strings'),"
                    + " 'a\\' AS backslash", ExecutionLimits.DEFAULT);
            assertEquals(List.of(List.of("on", "on", "on", "a\\")), settings.rows());
            QueryFailedException e = assertThrows(QueryFailedException.class,
                    () -> single.execute("SELECT pg_sleep(5)", SHORT));
            assertEquals("query cancelled after 300 ms timeout", e.getMessage());
        }
    }

    @Test
    void parametersOfTheUrlCannotLoosenTheWalls() {
        String url = LocalPostgres.url(DB) + "?readOnlyMode=ignore&preferQueryMode=simple"
                + "&options=-c%20default_transaction_read_only%3Doff";
        try (PostgresConnector loose = new PostgresConnector("shop", url, LocalPostgres.USER, null)) {
            assertEquals(List.of(List.of("on")), loose.execute("SELECT current_setting('transaction_read_only')",
                    ExecutionLimits.DEFAULT).rows());
            QueryFailedException e = assertThrows(QueryFailedException.class, () -> loose.execute(
                    "INSERT INTO regions VALUES (99, 'Nowhere', 'Nowhere')", ExecutionLimits.DEFAULT));
            assertTrue(e.getMessage().contains("read-only transaction"), e.getMessage());
        }
    }

    @Test
    void missingTableErrorIsPassedThroughReadably() {
        QueryFailedException e = assertThrows(QueryFailedException.class,
                () -> connector.execute("SELECT * FROM nope", ExecutionLimits.DEFAULT));
        assertEquals("relation \"nope\" does not exist (at character 15)", e.getMessage());
    }

    @Test
    void serverHintsAreKept() {
        QueryFailedException e = assertThrows(QueryFailedException.class,
                () -> connector.execute("SELECT statuss FROM orders", ExecutionLimits.DEFAULT));
        assertTrue(e.getMessage().startsWith("column \"statuss\" does not exist (at character 8); hint: Perhaps you"),
                e.getMessage());
    }

    /** Same rows in both engines give the same fingerprint, whatever types each engine gives them. */
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT status, count(*) AS orders, sum(total_amount) AS revenue FROM orders GROUP BY status",
        "SELECT order_id, order_date, total_amount FROM orders WHERE order_id <= 50 ORDER BY order_id DESC",
        "SELECT region_id, name, country FROM regions",
        "SELECT extract(year FROM order_date) AS y, min(order_date), max(total_amount) FROM orders GROUP BY 1",
        "SELECT 3 AS n, 2.50 AS amount, NULL AS nothing, 'x' AS s"})
    void fingerprintsTheSameResultAsDuckDb(String sql) {
        QueryResult postgres = connector.execute(sql, ExecutionLimits.DEFAULT);
        QueryResult duckdb = duck.execute(sql, ExecutionLimits.DEFAULT);
        assertEquals(duckdb.rows().size(), postgres.rows().size());
        assertEquals(duckdb.fingerprint(), postgres.fingerprint());
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
    void missingDatabaseIsNamed() {
        try (PostgresConnector missing = new PostgresConnector("gone", LocalPostgres.url("kurobe_dp_no_such_db"),
                LocalPostgres.USER, null)) {
            QueryFailedException e = assertThrows(QueryFailedException.class,
                    () -> missing.execute("SELECT 1", ExecutionLimits.DEFAULT));
            assertEquals("database \"kurobe_dp_no_such_db\" does not exist on PostgreSQL at 127.0.0.1:5432",
                    e.getMessage());
        }
    }

    @Test
    void closedPortIsUnreachableAndTheUrlPasswordIsNotShown() {
        try (PostgresConnector closed = new PostgresConnector("gone",
                "jdbc:postgresql://127.0.0.1:1/postgres?password=hunter2", LocalPostgres.USER, "s3cret")) {
            QueryFailedException e = assertThrows(QueryFailedException.class,
                    () -> closed.execute("SELECT 1", ExecutionLimits.DEFAULT));
            assertEquals("host unreachable: cannot connect to PostgreSQL at 127.0.0.1:1 (connection refused)",
                    e.getMessage());
        }
    }

    @Test
    void unknownRoleFailsAuthentication() {
        try (PostgresConnector stranger = new PostgresConnector("shop", LocalPostgres.url(DB), "kurobe_no_such_role",
                "pw")) {
            QueryFailedException e = assertThrows(QueryFailedException.class,
                    () -> stranger.execute("SELECT 1", ExecutionLimits.DEFAULT));
            assertEquals("authentication failed for PostgreSQL at 127.0.0.1:5432/" + DB
                    + ": role \"kurobe_no_such_role\" does not exist", e.getMessage());
        }
    }

    @Test
    void notAPostgresUrlIsRefusedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PostgresConnector("x", "jdbc:duckdb:/tmp/x.duckdb", null, null));
        assertTrue(e.getMessage().startsWith("not a PostgreSQL JDBC URL"), e.getMessage());
    }

    private static long count(String table) {
        return ((Number) connector.execute("SELECT count(*) FROM " + table, ExecutionLimits.DEFAULT)
                .rows().get(0).get(0)).longValue();
    }
}
