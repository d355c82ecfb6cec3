package io.kurobe.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectorPoolTest {
    private static final ConnectionSpec DEMO = new ConnectionSpec("demo", Engine.DUCKDB, DemoFixture.demoUrl(), null, null);

    @Test
    void unknownIdNamesTheConfiguredOnes() {
        ConnectorPool pool = new ConnectorPool(Map.of("demo", DEMO));
        UnknownConnectionException e = assertThrows(UnknownConnectionException.class, () -> pool.connector("x"));
        assertEquals("unknown connection 'x'; configured: demo", e.getMessage());
        assertEquals("x", e.connectionId());
        assertFalse(pool.has("x"));
        assertTrue(pool.has("demo"));
        assertEquals(Set.of("demo"), pool.ids());
    }

    @Test
    void opensLazilyOnceAndClosesOnShutdown() {
        List<String> opened = new ArrayList<>();
        ConnectorPool pool = new ConnectorPool(Map.of("demo", DEMO), spec -> {
            opened.add(spec.id());
            return Connectors.open(spec);
        });
        assertEquals(List.of(), opened);
        Connector first = pool.connector("demo");
        assertSame(first, pool.connector("demo"));
        assertEquals(List.of("demo"), opened);
        assertEquals(8L, ((Number) first.execute("SELECT count(*) FROM regions", ExecutionLimits.DEFAULT)
                .rows().get(0).get(0)).longValue());
        pool.close();
        assertThrows(QueryFailedException.class, () -> first.execute("SELECT 1", ExecutionLimits.DEFAULT));
    }

    @Test
    void opensATrinoConnectionWithoutReachingTheCoordinatorUntilAsked() {
        ConnectorPool pool = new ConnectorPool(Map.of("tr",
                new ConnectionSpec("tr", Engine.TRINO, "jdbc:trino://127.0.0.1:1/tpch/tiny", "u", null)));
        Connector trino = pool.connector("tr");
        assertEquals(Engine.TRINO, trino.engine());
        QueryFailedException e = assertThrows(QueryFailedException.class,
                () -> trino.execute("SELECT 1", ExecutionLimits.DEFAULT));
        assertEquals("host unreachable: cannot connect to Trino at 127.0.0.1:1 (connection refused)", e.getMessage());
        pool.close();
    }
}
