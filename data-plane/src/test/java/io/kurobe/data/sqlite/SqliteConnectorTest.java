package io.kurobe.data.sqlite;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.Connector;
import io.kurobe.data.Connectors;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteConnectorTest {
    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void createDatabase() throws Exception {
        file = dir.resolve("shop.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer(id),"
                    + " total REAL)");
            s.execute("INSERT INTO customer VALUES (1, 'Ada'), (2, 'Bo'), (3, 'Cy')");
            s.execute("INSERT INTO orders VALUES (10, 1, 2.5), (11, 1, 4.0), (12, 2, 7.25)");
        }
    }

    private static Connector open() {
        return Connectors.open(new ConnectionSpec("shop", Engine.SQLITE, "jdbc:sqlite:" + file, null, null));
    }

    @Test
    void runsTypedQueriesWithTheSharedFingerprint() {
        try (Connector connector = open()) {
            assertEquals(Engine.SQLITE, connector.engine());
            QueryResult r = connector.execute("SELECT c.name, count(*) AS n, sum(o.total) AS spent FROM customer c"
                    + " JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name", ExecutionLimits.DEFAULT);
            assertEquals(List.of("name", "n", "spent"), r.columns().stream().map(c -> c.name()).toList());
            assertEquals(List.of(List.of("Ada", 2L, 6.5), List.of("Bo", 1L, 7.25)), r.rows().stream()
                    .map(row -> List.of(row.get(0), ((Number) row.get(1)).longValue(),
                            ((Number) row.get(2)).doubleValue())).toList());
            QueryResult reordered = connector.execute("SELECT c.name, count(*), sum(o.total) FROM customer c"
                    + " JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name DESC",
                    ExecutionLimits.DEFAULT);
            assertNotEquals(r.fingerprint(), reordered.fingerprint(), "ordered results differ by order");
            QueryResult unordered1 = connector.execute("SELECT name FROM customer", ExecutionLimits.DEFAULT);
            QueryResult unordered2 = connector.execute("SELECT name FROM customer WHERE id > 0 ORDER BY 1 DESC LIMIT 99",
                    ExecutionLimits.DEFAULT);
            assertEquals(3, unordered1.rows().size());
            assertFalse(r.truncated());
            assertNotEquals(null, unordered2.fingerprint());
        }
    }

    @Test
    void capsRows() {
        try (Connector connector = open()) {
            QueryResult r = connector.execute("SELECT id FROM customer ORDER BY id", new ExecutionLimits(2,
                    Duration.ofSeconds(5)));
            assertEquals(2, r.rows().size());
            assertTrue(r.truncated());
        }
    }

    @Test
    void refusesEveryWrite() throws Exception {
        try (Connector connector = open()) {
            for (String sql : List.of("INSERT INTO customer VALUES (9, 'Zed')", "DELETE FROM orders",
                    "CREATE TABLE t (x INT)", "PRAGMA query_only = 0; DELETE FROM orders")) {
                assertThrows(QueryFailedException.class, () -> connector.execute(sql, ExecutionLimits.DEFAULT), sql);
            }
            assertEquals(3, connector.execute("SELECT * FROM orders", ExecutionLimits.DEFAULT).rows().size());
        }
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void cancelsAQueryThatRunsPastItsTimeout() {
        try (Connector connector = open()) {
            QueryFailedException e = assertThrows(QueryFailedException.class, () -> connector.execute(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n",
                    new ExecutionLimits(10, Duration.ofMillis(300))));
            assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        }
    }

    @Test
    void namesTheErrorWithoutTheDriverPrefix() {
        try (Connector connector = open()) {
            QueryFailedException e = assertThrows(QueryFailedException.class,
                    () -> connector.execute("SELECT nope FROM customer", ExecutionLimits.DEFAULT));
            assertTrue(e.getMessage().startsWith("no such column"), e.getMessage());
        }
    }

    @Test
    void introspectsTablesKeysCountsAndExamples() {
        try (Connector connector = open()) {
            SchemaSnapshot s = connector.introspect();
            assertEquals(Engine.SQLITE, s.engine());
            assertEquals(List.of("customer", "orders"), s.tables().stream().map(TableInfo::name).toList());
            TableInfo customer = s.tables().get(0);
            assertEquals(3, customer.rowCount());
            assertTrue(customer.columns().get(0).primaryKey());
            assertEquals(List.of("Ada", "Bo", "Cy"), customer.columns().get(1).examples());
            assertEquals(1, s.foreignKeys().size());
            assertEquals("customer", s.foreignKeys().get(0).referencedTable());
            assertEquals(s.fingerprint(), connector.introspect().fingerprint());
        }
    }

    @Test
    void refusesAMissingFile() {
        assertThrows(QueryFailedException.class, () -> Connectors.open(new ConnectionSpec("none", Engine.SQLITE,
                "jdbc:sqlite:" + dir.resolve("absent.sqlite"), null, null)));
    }
}
