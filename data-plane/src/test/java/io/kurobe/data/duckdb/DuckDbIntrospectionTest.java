package io.kurobe.data.duckdb;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.DemoFixture;
import io.kurobe.data.Engine;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuckDbIntrospectionTest {
    private static DuckDbConnector connector;
    private static SchemaSnapshot snapshot;

    @BeforeAll
    static void introspect() {
        connector = new DuckDbConnector("demo", DemoFixture.demoUrl());
        snapshot = connector.introspect();
    }

    @AfterAll
    static void close() {
        connector.close();
    }

    @Test
    void listsTheTablesOfTheMainSchemaWithCommentsAndCounts() {
        assertEquals("demo", snapshot.dbId());
        assertEquals(Engine.DUCKDB, snapshot.engine());
        assertEquals(List.of("customers", "order_lines", "orders", "products", "regions"),
                snapshot.tables().stream().map(TableInfo::name).toList());
        assertEquals("one row per order", table("orders").comment());
        assertEquals(20_000, table("orders").rowCount());
        assertEquals(8, table("regions").rowCount());
    }

    @Test
    void readsColumnsInDeclarationOrderWithTypesCommentsAndKeys() {
        TableInfo lines = table("order_lines");
        assertEquals(List.of("order_id", "line_no", "product_id", "quantity", "unit_price"),
                lines.columns().stream().map(ColumnInfo::name).toList());
        assertEquals("DECIMAL(10,2)", column("order_lines", "unit_price").type());
        assertTrue(column("order_lines", "order_id").primaryKey());
        assertTrue(column("order_lines", "line_no").primaryKey());
        assertEquals(false, column("order_lines", "product_id").primaryKey());
        assertEquals("day the order was placed", column("orders", "order_date").comment());
    }

    @Test
    void readsForeignKeys() {
        assertEquals(List.of(
                new ForeignKey("customers", "region_id", "regions", "region_id"),
                new ForeignKey("order_lines", "order_id", "orders", "order_id"),
                new ForeignKey("order_lines", "product_id", "products", "product_id"),
                new ForeignKey("orders", "customer_id", "customers", "customer_id")), snapshot.foreignKeys());
    }

    @Test
    void readsUpToFiveDistinctExamplesInStorageOrder() {
        assertEquals(List.of("1", "2", "3", "4", "5"), column("orders", "order_id").examples());
        List<String> statuses = column("orders", "status").examples();
        assertEquals(statuses.size(), statuses.stream().distinct().count());
        assertTrue(List.of("completed", "shipped", "cancelled", "returned").containsAll(statuses), statuses.toString());
        assertEquals("2021-01-01", column("orders", "order_date").examples().get(0));
        assertTrue(column("products", "unit_price").examples().get(0).matches("\\d+\\.\\d\\d"));
    }

    @Test
    void examplesSkipNullsAndEmptyStrings(@TempDir Path dir) throws SQLException {
        Path file = dir.resolve("small.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, note VARCHAR)");
            s.execute("INSERT INTO t VALUES (1, NULL), (2, ''), (3, 'b'), (4, 'a'), (5, 'b')");
        }
        try (DuckDbConnector small = new DuckDbConnector("small", "jdbc:duckdb:" + file)) {
            ColumnInfo note = small.introspect().tables().get(0).columns().get(1);
            assertEquals(List.of("b", "a"), note.examples());
            assertEquals("", note.comment());
        }
    }

    @Test
    void fingerprintIsStableAndFollowsTheStructure(@TempDir Path dir) throws SQLException {
        assertEquals(snapshot.fingerprint(), connector.introspect().fingerprint());
        Path file = dir.resolve("changing.duckdb");
        String url = "jdbc:duckdb:" + file;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        }
        String before = fingerprint(url);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO t VALUES (1), (2)");
        }
        assertEquals(before, fingerprint(url), "new rows are not a new schema");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE t ADD COLUMN label VARCHAR");
        }
        assertNotEquals(before, fingerprint(url));
    }

    private static String fingerprint(String url) {
        try (DuckDbConnector c = new DuckDbConnector("x", url)) {
            return c.introspect().fingerprint();
        }
    }

    private static TableInfo table(String name) {
        return snapshot.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static ColumnInfo column(String table, String name) {
        return table(table).columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
