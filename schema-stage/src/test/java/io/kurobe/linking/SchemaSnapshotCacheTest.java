package io.kurobe.linking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.Connector;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Connectors;
import io.kurobe.data.Engine;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.EventJson;
import io.kurobe.snapshots.SchemaSnapshots;
import io.kurobe.snapshots.SchemaSnapshots.Source;
import io.kurobe.snapshots.SnapshotKey;
import io.kurobe.snapshots.SnapshotStore;
import io.kurobe.snapshots.StoredSnapshot;
import io.kurobe.stage.testing.DemoDatabaseResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Redis snapshot cache against the machine's Redis (127.0.0.1:6379) and PostgreSQL, and a closed port. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(DemoDatabaseResource.class)
class SchemaSnapshotCacheTest {
    private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @Inject
    ConnectorPool pool;

    @Inject
    SchemaSnapshots snapshots;

    @Inject
    RedisDataSource redis;

    @Inject
    @RedisClientName("closed")
    RedisDataSource closedRedis;

    @Inject
    MeterRegistry registry;

    private final String tenant = "snapshot-test-" + UUID.randomUUID();
    private final List<SnapshotKey> keys = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();

    @AfterEach
    void cleanUp() throws SQLException {
        for (SnapshotKey key : keys) {
            redis.key().del(key.snapshot(), key.checked());
        }
        for (String database : databases) {
            admin(PG_ADMIN, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void theStagesIntrospectionIsStoredThenServedFromRedis() {
        SnapshotKey key = key("demo");
        SchemaSnapshot first = pool.connector(tenant, "demo").introspect();
        String stored = redis.value(String.class).get(key.snapshot());
        assertNotNull(stored, "the introspection was stored in Redis");
        assertEquals(first.fingerprint(), EventJson.read(stored, StoredSnapshot.class).snapshot().fingerprint());

        // a mark only Redis holds: the next read shows it, so it did not introspect the database
        ObjectNode entry = (ObjectNode) EventJson.mapper().valueToTree(EventJson.read(stored, StoredSnapshot.class));
        ((ObjectNode) entry.withArray("/snapshot/tables").get(0)).put("comment", "read from Redis");
        redis.value(String.class).set(key.snapshot(), entry.toString());

        SchemaSnapshot second = pool.connector(tenant, "demo").introspect();
        assertEquals("read from Redis", second.tables().get(0).comment());
        assertEquals(first.fingerprint(), second.fingerprint());
    }

    @Test
    void anUnchangedStructureKeepsTheSnapshotAfterTheCheckInterval() {
        SnapshotKey key = key("demo");
        Connector demo = pool.connector("demo");
        SchemaSnapshots.Loaded first = snapshots.current(tenant, "demo", demo);
        assertEquals(Source.INTROSPECTED, first.source());
        assertTrue(first.cached());
        assertEquals(Source.CACHE, snapshots.current(tenant, "demo", demo).source());

        redis.key().del(key.checked()); // the check interval has passed
        double checks = lookups("checked");
        SchemaSnapshots.Loaded checked = snapshots.current(tenant, "demo", demo);
        assertEquals(Source.CACHE_CHECKED, checked.source());
        assertEquals(checks + 1, lookups("checked"));
        assertEquals(first.entry().takenAt(), checked.entry().takenAt());
        assertEquals(Source.CACHE, snapshots.current(tenant, "demo", demo).source(), "checked again for one interval");
    }

    @Test
    void anAddedColumnChangesTheFingerprintAndTheNextCheckIntrospectsAgain() throws SQLException {
        String database = "kurobe_schema_snapshots_" + Long.toHexString(System.nanoTime());
        admin(PG_ADMIN, "CREATE DATABASE " + database);
        databases.add(database);
        String url = "jdbc:postgresql://127.0.0.1:5432/" + database;
        admin(url, "CREATE TABLE products (product_id integer PRIMARY KEY, name text);"
                + " INSERT INTO products VALUES (1, 'tea'), (2, 'coffee')");
        SnapshotKey key = key("shop");
        try (Connector shop = Connectors.open(new ConnectionSpec("shop", Engine.POSTGRES, url, "postgres", null))) {
            SchemaSnapshots.Loaded first = snapshots.current(tenant, "shop", shop);
            assertEquals(Source.INTROSPECTED, first.source());
            assertEquals(List.of("product_id", "name"), columns(first.snapshot()));

            admin(url, "ALTER TABLE products ADD COLUMN price numeric(10, 2)");
            assertEquals(Source.CACHE, snapshots.current(tenant, "shop", shop).source(),
                    "within the check interval the cached snapshot is trusted");

            redis.key().del(key.checked()); // the check interval has passed
            SchemaSnapshots.Loaded changed = snapshots.current(tenant, "shop", shop);
            assertEquals(Source.INTROSPECTED, changed.source());
            assertNotEquals(first.snapshot().fingerprint(), changed.snapshot().fingerprint());
            assertEquals(List.of("product_id", "name", "price"), columns(changed.snapshot()));

            Optional<StoredSnapshot> replaced = snapshots.cached(tenant, "shop");
            assertEquals(changed.snapshot().fingerprint(), replaced.orElseThrow().snapshot().fingerprint());
            assertEquals(Source.CACHE, snapshots.current(tenant, "shop", shop).source());
        }
    }

    @Test
    void refreshIntrospectsNowAndReplacesTheEntry() {
        Connector demo = pool.connector("demo");
        key("demo");
        SchemaSnapshots.Loaded first = snapshots.current(tenant, "demo", demo);
        SchemaSnapshots.Loaded refreshed = snapshots.refresh(tenant, "demo", demo);
        assertEquals(Source.INTROSPECTED, refreshed.source());
        assertTrue(refreshed.entry().takenAt().isAfter(first.entry().takenAt())
                || refreshed.entry().takenAt().equals(first.entry().takenAt()));
        assertEquals(refreshed.entry(), snapshots.cached(tenant, "demo").orElseThrow());
    }

    @Test
    void withRedisDownTheSchemaIsIntrospectedAndNothingFails() {
        SchemaSnapshots withoutRedis = new SchemaSnapshots(Optional.of(new SnapshotStore(closedRedis, Duration.ofHours(1))),
                Duration.ofMinutes(1), Clock.systemUTC(), new SimpleMeterRegistry());
        Connector demo = pool.connector("demo");
        for (int i = 0; i < 2; i++) {
            SchemaSnapshots.Loaded loaded = withoutRedis.current(tenant, "demo", demo);
            assertEquals(Source.INTROSPECTED, loaded.source());
            assertFalse(loaded.cached());
            assertEquals(5, loaded.snapshot().tables().size());
        }
        assertTrue(withoutRedis.cached(tenant, "demo").isEmpty());
    }

    private double lookups(String result) {
        return registry.counter("kurobe.schema.cache.lookups", "result", result).count();
    }

    private SnapshotKey key(String connectionId) {
        SnapshotKey key = SnapshotKey.of(tenant, connectionId);
        keys.add(key);
        return key;
    }

    private static List<String> columns(SchemaSnapshot snapshot) {
        TableInfo products = snapshot.tables().stream().filter(t -> t.name().equals("products")).findFirst().orElseThrow();
        return products.columns().stream().map(c -> c.name()).toList();
    }

    private static void admin(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
