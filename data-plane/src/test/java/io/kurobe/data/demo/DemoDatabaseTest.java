package io.kurobe.data.demo;

import io.kurobe.data.DemoFixture;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.duckdb.DuckDbConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoDatabaseTest {
    private static final ExecutionLimits WHOLE_TABLE = new ExecutionLimits(1_000_000, Duration.ofSeconds(60));

    @Test
    void twoCreationsHoldTheSameData(@TempDir Path dir) {
        Path again = dir.resolve("again.duckdb");
        Map<String, Long> counts = DemoDatabase.create(again);
        assertEquals(Map.of("regions", 8L, "customers", 500L, "products", 60L, "orders", 20_000L),
                Map.of("regions", counts.get("regions"), "customers", counts.get("customers"),
                        "products", counts.get("products"), "orders", counts.get("orders")));
        assertEquals(checksums(DemoFixture.demoFile()), checksums(again));
    }

    @Test
    void hasOrdersIn2024AndTotalsThatSumTheirLines() {
        try (DuckDbConnector demo = new DuckDbConnector("demo", DemoFixture.demoUrl())) {
            assertTrue(count(demo, "SELECT count(*) FROM orders WHERE order_date >= DATE '2024-01-01'"
                    + " AND order_date < DATE '2025-01-01'") > 0);
            assertEquals(0, count(demo, "SELECT count(*) FROM orders o WHERE total_amount <>"
                    + " (SELECT sum(quantity * unit_price) FROM order_lines l WHERE l.order_id = o.order_id)"));
            assertEquals(0, count(demo, "SELECT count(*) FROM orders o JOIN customers c USING (customer_id)"
                    + " WHERE o.order_date < c.signed_up_on"));
            assertEquals(0, count(demo, "SELECT count(*) FROM orders WHERE status NOT IN"
                    + " ('completed', 'shipped', 'cancelled', 'returned')"));
            assertEquals(0, count(demo, "SELECT count(*) FROM orders WHERE order_date NOT BETWEEN"
                    + " DATE '2021-01-01' AND DATE '2025-12-31'"));
            assertTrue(count(demo, "SELECT count(*) FROM orders WHERE year(order_date) = 2025")
                    > count(demo, "SELECT count(*) FROM orders WHERE year(order_date) = 2021"), "sales grow");
        }
    }

    @Test
    void refusesToOverwriteUnlessAsked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("taken.duckdb");
        Files.writeString(file, "not a database");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DemoDatabase.create(file));
        assertEquals(file + " already exists; pass --replace to overwrite it", e.getMessage());
        assertEquals("not a database", Files.readString(file));
        DemoDatabase.create(file, true);
        try (DuckDbConnector demo = new DuckDbConnector("demo", "jdbc:duckdb:" + file)) {
            assertEquals(8, count(demo, "SELECT count(*) FROM regions"));
        }
    }

    private static Map<String, String> checksums(Path file) {
        Map<String, String> sums = new LinkedHashMap<>();
        try (DuckDbConnector demo = new DuckDbConnector("demo", "jdbc:duckdb:" + file)) {
            for (String table : List.of("regions", "customers", "products", "orders", "order_lines")) {
                sums.put(table, demo.execute("SELECT * FROM " + table, WHOLE_TABLE).fingerprint());
            }
        }
        return sums;
    }

    private static long count(DuckDbConnector demo, String sql) {
        return ((Number) demo.execute(sql, ExecutionLimits.DEFAULT).rows().get(0).get(0)).longValue();
    }
}
