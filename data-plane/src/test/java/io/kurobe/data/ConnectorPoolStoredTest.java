package io.kurobe.data;

import io.kurobe.data.stored.StoredConnections;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectorPoolStoredTest {
    private static final String TENANT = "00000000-0000-0000-0000-0000000000a1";
    private static final String OTHER = "00000000-0000-0000-0000-0000000000b2";
    private static final String ID = "11111111-2222-3333-4444-555555555555";
    private static final ConnectionSpec DEMO = new ConnectionSpec("demo", Engine.DUCKDB, DemoFixture.demoUrl(), null, null);

    /** Stored rows by tenant and id, counting the lookups. */
    private static final class Rows extends StoredConnections {
        final Map<String, StoredConnections.Stored> rows = new HashMap<>();
        final List<String> lookups = new ArrayList<>();

        Rows() {
            super("127.0.0.1", 1, "none", "nobody", null, () -> {
                throw new AssertionError("no keys are needed");
            });
        }

        void put(String tenant, String id, Instant updatedAt) {
            rows.put(tenant + "/" + id, new StoredConnections.Stored(
                    new ConnectionSpec(id, Engine.DUCKDB, DemoFixture.demoUrl(), null, null), updatedAt));
        }

        @Override
        public Optional<Stored> find(String tenantId, String connectionId) {
            lookups.add(tenantId + "/" + connectionId);
            return Optional.ofNullable(rows.get(tenantId + "/" + connectionId));
        }
    }

    private final Rows rows = new Rows();
    private final AtomicLong nanos = new AtomicLong();
    private final List<Connector> opened = new ArrayList<>();
    private final ConnectorPool pool = new ConnectorPool(Map.of("demo", DEMO), spec -> {
        Connector connector = Connectors.open(spec);
        opened.add(connector);
        return connector;
    }, Optional.of(rows), nanos::get);

    @Test
    void configuredIdsNeverReachTheStore() {
        assertTrue(pool.has(TENANT, "demo"));
        assertEquals(Engine.DUCKDB, pool.engine(TENANT, "demo"));
        assertSame(pool.connector("demo"), pool.connector(TENANT, "demo"));
        assertEquals(List.of(), rows.lookups);
    }

    @Test
    void aStoredConnectionIsServedOnlyToItsTenant() {
        rows.put(TENANT, ID, Instant.parse("2026-01-01T00:00:00Z"));
        assertTrue(pool.has(TENANT, ID));
        assertEquals(Engine.DUCKDB, pool.engine(TENANT, ID));
        assertEquals(8L, ((Number) pool.connector(TENANT, ID)
                .execute("SELECT count(*) FROM regions", ExecutionLimits.DEFAULT).rows().get(0).get(0)).longValue());
        assertFalse(pool.has(OTHER, ID));
        UnknownConnectionException e = assertThrows(UnknownConnectionException.class, () -> pool.connector(OTHER, ID));
        assertEquals(ID, e.connectionId());
        assertFalse(pool.has(ID), "the one-argument methods stay config-only");
        pool.close();
    }

    @Test
    void withinTheRecheckPeriodTheOpenConnectorIsReusedWithoutALookup() {
        rows.put(TENANT, ID, Instant.parse("2026-01-01T00:00:00Z"));
        Connector first = pool.connector(TENANT, ID);
        nanos.addAndGet(ConnectorPool.STORED_RECHECK.toNanos() - 1);
        assertSame(first, pool.connector(TENANT, ID));
        assertEquals(1, rows.lookups.size());
        pool.close();
    }

    @Test
    void anUnchangedRowKeepsTheConnectorAChangedOneReopensItAndADeletedOneClosesIt() {
        rows.put(TENANT, ID, Instant.parse("2026-01-01T00:00:00Z"));
        Connector first = pool.connector(TENANT, ID);

        nanos.addAndGet(ConnectorPool.STORED_RECHECK.toNanos());
        assertSame(first, pool.connector(TENANT, ID));
        assertEquals(2, rows.lookups.size());

        rows.put(TENANT, ID, Instant.parse("2026-01-02T00:00:00Z"));
        nanos.addAndGet(ConnectorPool.STORED_RECHECK.toNanos());
        Connector second = pool.connector(TENANT, ID);
        assertNotSame(first, second);
        assertThrows(QueryFailedException.class, () -> first.execute("SELECT 1", ExecutionLimits.DEFAULT));

        rows.rows.clear();
        nanos.addAndGet(ConnectorPool.STORED_RECHECK.toNanos());
        assertFalse(pool.has(TENANT, ID));
        assertThrows(QueryFailedException.class, () -> second.execute("SELECT 1", ExecutionLimits.DEFAULT));
        assertEquals(2, opened.size());
        pool.close();
    }
}
