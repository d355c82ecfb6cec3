package io.kurobe.data.postgres;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.data.guard.GuardPolicy;
import io.kurobe.data.guard.GuardVerdict;
import io.kurobe.data.guard.SqlGuard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresIntrospectionTest {
    private static final String DB = "kurobe_dp_pg_schema";
    private static PostgresConnector connector;
    private static SchemaSnapshot snapshot;

    @BeforeAll
    static void createDatabase() throws SQLException {
        LocalPostgres.assumeRunning();
        LocalPostgres.recreate(DB);
        LocalPostgres.run(DB, "CREATE TABLE regions (region_id integer PRIMARY KEY, name varchar(40) NOT NULL,"
                + " country text NOT NULL);"
                + "CREATE TABLE customers (customer_id integer PRIMARY KEY, name text,"
                + " region_id integer REFERENCES regions (region_id), signed_up_on date, photo bytea, vip boolean);"
                + "CREATE TABLE orders (order_id bigint PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers,"
                + " ordered_at timestamp, total numeric(12,2), status text);"
                + "CREATE TABLE order_lines (order_id bigint REFERENCES orders, line_no integer, qty integer,"
                + " PRIMARY KEY (order_id, line_no));"
                + "CREATE TABLE shipments (order_id bigint, line_no integer, shipped_on date,"
                + " CONSTRAINT shipped_line FOREIGN KEY (order_id, line_no) REFERENCES order_lines);"
                + "CREATE TABLE events (event_id integer, happened_on date NOT NULL, kind text)"
                + " PARTITION BY RANGE (happened_on);"
                + "CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');"
                + "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
                + "CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;"
                + "CREATE TABLE \"Mixed Case\" (\"Odd \"\"Name\"\"\" text);"
                + "CREATE SCHEMA sales;"
                + "CREATE TABLE sales.targets (region_id integer REFERENCES public.regions, target numeric(10,1));"
                + "CREATE SCHEMA hidden;"
                + "CREATE TABLE hidden.secrets (secret text);"
                + "COMMENT ON TABLE regions IS 'sales regions';"
                + "COMMENT ON COLUMN regions.name IS 'region name';"
                + "COMMENT ON TABLE sales.targets IS 'yearly sales targets';"
                + "INSERT INTO regions VALUES (1, 'North', 'NO'), (2, 'South', 'ZA'), (3, 'East', 'JP');"
                + "INSERT INTO customers VALUES (1, 'Ann', 1, '2024-01-05', '\\x01', true), (2, '', 2, NULL, NULL, NULL),"
                + " (3, NULL, 3, NULL, NULL, false), (4, 'Bob', 1, NULL, NULL, NULL), (5, 'Ann', 1, NULL, NULL, NULL),"
                + " (6, 'Cy', 1, NULL, NULL, NULL), (7, 'Dee', 1, NULL, NULL, NULL), (8, 'Eve', 1, NULL, NULL, NULL),"
                + " (9, 'Fay', 1, NULL, NULL, NULL);"
                + "INSERT INTO orders SELECT g, g % 9 + 1, TIMESTAMP '2024-01-01 10:00:00' + g * INTERVAL '1 hour',"
                + " g % 100 + 0.5, CASE WHEN g % 3 = 0 THEN 'returned' ELSE 'shipped' END"
                + " FROM generate_series(1, 30000) AS g;"
                + "INSERT INTO order_lines VALUES (1, 1, 2), (1, 2, 1);"
                + "INSERT INTO events VALUES (1, '2023-05-01', 'login'), (2, '2024-02-01', 'logout');"
                + "INSERT INTO \"Mixed Case\" VALUES ('it''s \"quoted\"');"
                + "INSERT INTO sales.targets VALUES (1, 1000.0), (2, 2500.5)");
        connector = new PostgresConnector("shop", LocalPostgres.url(DB), LocalPostgres.USER, null);
        snapshot = connector.introspect();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (connector != null) {
            connector.close();
        }
        LocalPostgres.drop(DB);
    }

    @Test
    void listsTheTablesOfPublicWithBareNamesButNotPartitionsViewsOrOtherSchemas() {
        assertEquals(Engine.POSTGRES, snapshot.engine());
        assertEquals("shop", snapshot.dbId());
        assertEquals(List.of("Mixed Case", "customers", "events", "order_lines", "orders", "regions", "shipments"),
                snapshot.tables().stream().map(TableInfo::name).toList());
    }

    @Test
    void readsColumnsWithTheirTypesInDeclarationOrder() {
        assertEquals(List.of("region_id:integer", "name:character varying(40)", "country:text"), typed("regions"));
        assertEquals(List.of("order_id:bigint", "customer_id:integer", "ordered_at:timestamp without time zone",
                "total:numeric(12,2)", "status:text"), typed("orders"));
    }

    @Test
    void marksPrimaryKeysIncludingCompositeOnes() {
        assertEquals(List.of(true, true, false),
                table("order_lines").columns().stream().map(ColumnInfo::primaryKey).toList());
        assertEquals(List.of(false, false, false),
                table("shipments").columns().stream().map(ColumnInfo::primaryKey).toList());
    }

    @Test
    void readsForeignKeysColumnByColumn() {
        assertEquals(List.of(
                new ForeignKey("customers", "region_id", "regions", "region_id"),
                new ForeignKey("order_lines", "order_id", "orders", "order_id"),
                new ForeignKey("orders", "customer_id", "customers", "customer_id"),
                new ForeignKey("shipments", "order_id", "order_lines", "order_id"),
                new ForeignKey("shipments", "line_no", "order_lines", "line_no")), snapshot.foreignKeys());
    }

    @Test
    void readsTableAndColumnComments() {
        assertEquals("sales regions", table("regions").comment());
        assertEquals(List.of("", "region name", ""),
                table("regions").columns().stream().map(ColumnInfo::comment).toList());
        assertEquals("", table("orders").comment());
    }

    @Test
    void countsRowsOfTablesAndPartitionedTables() {
        assertEquals(3, table("regions").rowCount());
        assertEquals(30_000, table("orders").rowCount());
        assertEquals(2, table("events").rowCount());
    }

    @Test
    void takesUpToFiveDistinctNonEmptyExamplesInStorageOrder() {
        assertEquals(List.of("Ann", "Bob", "Cy", "Dee", "Eve"), column("customers", "name").examples());
        assertEquals(List.of("true", "false"), column("customers", "vip").examples());
        assertEquals(List.of("2024-01-05"), column("customers", "signed_up_on").examples());
        assertEquals(List.of(), column("customers", "photo").examples(), "binary columns give no examples");
        assertEquals(List.of("1.50", "2.50", "3.50", "4.50", "5.50"), column("orders", "total").examples());
        assertEquals(List.of("2024-01-01T11:00:00", "2024-01-01T12:00:00", "2024-01-01T13:00:00",
                "2024-01-01T14:00:00", "2024-01-01T15:00:00"), column("orders", "ordered_at").examples());
        assertEquals(List.of("shipped", "returned"), column("orders", "status").examples());
        assertEquals(List.of("it's \"quoted\""), column("Mixed Case", "Odd \"Name\"").examples());
    }

    @Test
    void samplesPagesOfLargeTablesRepeatably() throws SQLException {
        try (Connection connection = LocalPostgres.admin(DB)) {
            connection.setAutoCommit(false);
            PostgresIntrospector sampling = new PostgresIntrospector(connection, 1_000,
                    PostgresIntrospector.COUNT_BELOW_BYTES);
            SchemaSnapshot first = sampling.snapshot("shop");
            SchemaSnapshot second = sampling.snapshot("shop");
            connection.rollback();
            List<String> ids = columnOf(first, "orders", "order_id").examples();
            assertEquals(5, ids.size());
            assertEquals(ids, columnOf(second, "orders", "order_id").examples());
            assertEquals(List.of("shipped", "returned"), columnOf(first, "orders", "status").examples());
            assertEquals(column("regions", "name").examples(), columnOf(first, "regions", "name").examples(),
                    "small tables are read, not sampled");
        }
    }

    @Test
    void estimatesRowsOfLargeTablesNeverAnalyzedWithThePlanner() throws SQLException {
        try (Connection connection = LocalPostgres.admin(DB)) {
            connection.setAutoCommit(false);
            SchemaSnapshot estimated = new PostgresIntrospector(connection, PostgresIntrospector.SAMPLE_ABOVE_ROWS, 0)
                    .snapshot("shop");
            connection.rollback();
            long orders = tableOf(estimated, "orders").rowCount();
            assertTrue(orders > 10_000 && orders < 90_000, "planner estimate near 30000: " + orders);
        }
    }

    @Test
    void fingerprintIsStableForNewRowsAndChangesWithTheStructure() throws SQLException {
        assertEquals(snapshot.fingerprint(), connector.introspect().fingerprint());
        LocalPostgres.run(DB, "INSERT INTO regions VALUES (4, 'West', 'US')");
        assertEquals(snapshot.fingerprint(), connector.introspect().fingerprint(), "new rows are not a new schema");
        LocalPostgres.run(DB, "ALTER TABLE regions ADD COLUMN population bigint");
        try {
            SchemaSnapshot changed = connector.introspect();
            assertNotEquals(snapshot.fingerprint(), changed.fingerprint());
            assertEquals(List.of("region_id:integer", "name:character varying(40)", "country:text",
                    "population:bigint"), typedOf(changed, "regions"));
        } finally {
            LocalPostgres.run(DB, "ALTER TABLE regions DROP COLUMN population; DELETE FROM regions WHERE region_id = 4");
        }
        String withComment;
        LocalPostgres.run(DB, "COMMENT ON COLUMN orders.status IS 'shipping state'");
        try {
            withComment = connector.introspect().fingerprint();
        } finally {
            LocalPostgres.run(DB, "COMMENT ON COLUMN orders.status IS NULL");
        }
        assertNotEquals(snapshot.fingerprint(), withComment);
        assertEquals(snapshot.fingerprint(), connector.introspect().fingerprint());
    }

    @Test
    void qualifiesNamesWhenTheSearchPathHoldsSeveralSchemas() {
        try (PostgresConnector both = new PostgresConnector("shop",
                LocalPostgres.url(DB) + "?currentSchema=sales,public", LocalPostgres.USER, null)) {
            SchemaSnapshot qualified = both.introspect();
            List<String> names = qualified.tables().stream().map(TableInfo::name).toList();
            assertEquals(List.of("public.Mixed Case", "public.customers", "public.events", "public.order_lines",
                    "public.orders", "public.regions", "public.shipments", "sales.targets"), names);
            assertTrue(qualified.foreignKeys().contains(
                    new ForeignKey("sales.targets", "region_id", "public.regions", "region_id")));
            assertEquals("yearly sales targets", tableOf(qualified, "sales.targets").comment());
            assertEquals(List.of("1000.0", "2500.5"), columnOf(qualified, "sales.targets", "target").examples());
        }
    }

    @Test
    void introspectedTablesAreWhatTheGuardLetsQueriesRead() {
        try (PostgresConnector both = new PostgresConnector("shop",
                LocalPostgres.url(DB) + "?currentSchema=sales,public", LocalPostgres.USER, null)) {
            GuardPolicy policy = GuardPolicy.forSchema(both.introspect(), 100);
            SqlGuard guard = new SqlGuard();
            GuardVerdict accepted = guard.check("SELECT r.name, t.target FROM sales.targets t"
                    + " JOIN public.regions r ON r.region_id = t.region_id ORDER BY t.target", policy);
            assertTrue(accepted.isAccepted(), accepted.reason());
            assertEquals(List.of(List.of("North", new BigDecimal("1000.0")), List.of("South", new BigDecimal("2500.5"))),
                    both.execute(accepted.sql(), ExecutionLimits.DEFAULT).rows());
            assertFalse(guard.check("SELECT * FROM hidden.secrets", policy).isAccepted());
        }
    }

    private static TableInfo table(String name) {
        return tableOf(snapshot, name);
    }

    private static ColumnInfo column(String table, String name) {
        return columnOf(snapshot, table, name);
    }

    private static List<String> typed(String table) {
        return typedOf(snapshot, table);
    }

    private static TableInfo tableOf(SchemaSnapshot snapshot, String name) {
        return snapshot.tables().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name));
    }

    private static ColumnInfo columnOf(SchemaSnapshot snapshot, String table, String name) {
        return tableOf(snapshot, table).columns().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + table + "." + name));
    }

    private static List<String> typedOf(SchemaSnapshot snapshot, String table) {
        return tableOf(snapshot, table).columns().stream().map(c -> c.name() + ":" + c.type()).toList();
    }
}
