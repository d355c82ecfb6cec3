package io.kurobe.snapshots;

import io.kurobe.data.duckdb.DuckDbConnector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With the Redis layer switched off (kurobe.schema.cache.enabled=false) every read introspects the database. */
class SchemaSnapshotsWithoutRedisTest {
    @TempDir
    Path dir;

    @Test
    void everyReadIntrospectsAndNothingIsCached() throws SQLException {
        String url = "jdbc:duckdb:" + dir.resolve("shop.duckdb");
        try (Connection connection = DriverManager.getConnection(url); Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE products (product_id INTEGER PRIMARY KEY, name VARCHAR)");
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SchemaSnapshots off = new SchemaSnapshots(Optional.empty(), Duration.ofMinutes(1), Clock.systemUTC(), registry);
        try (DuckDbConnector shop = new DuckDbConnector("shop", url)) {
            for (int i = 0; i < 2; i++) {
                SchemaSnapshots.Loaded loaded = off.current("t", "shop", shop);
                assertEquals(SchemaSnapshots.Source.INTROSPECTED, loaded.source());
                assertFalse(loaded.cached());
                assertEquals("products", loaded.snapshot().tables().get(0).name());
                assertEquals(shop.structureHash(), loaded.entry().structureHash());
            }
            assertFalse(off.refresh("t", "shop", shop).cached());
        }
        assertTrue(off.cached("t", "shop").isEmpty());
        assertEquals(2.0, registry.counter("kurobe.schema.cache.lookups", "result", "miss").count());
    }
}
