package io.kurobe.data;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectionSpecsTest {
    @Test
    void readsQuotedAndBareIds() {
        Map<String, ConnectionSpec> specs = ConnectionSpecs.fromConfig(new MapConfig(Map.of(
                "kurobe.connections.\"demo\".engine", "duckdb",
                "kurobe.connections.\"demo\".jdbc-url", "jdbc:duckdb:/data/demo.duckdb",
                "kurobe.connections.\"sales.eu\".engine", "DuckDB",
                "kurobe.connections.\"sales.eu\".jdbc-url", "jdbc:duckdb:/data/eu.duckdb",
                "kurobe.connections.sales.engine", "duckdb",
                "kurobe.connections.sales.jdbc-url", "jdbc:duckdb:/data/sales.duckdb",
                "kurobe.connections.sales.user", "reader",
                "kurobe.other", "x")));
        assertEquals(List.of("demo", "sales", "sales.eu"), List.copyOf(specs.keySet()));
        assertEquals(new ConnectionSpec("demo", Engine.DUCKDB, "jdbc:duckdb:/data/demo.duckdb", null, null), specs.get("demo"));
        assertEquals("jdbc:duckdb:/data/eu.duckdb", specs.get("sales.eu").jdbcUrl());
        assertEquals("reader", specs.get("sales").user());
        assertNull(specs.get("sales").password());
    }

    @Test
    void readsAPostgresConnectionWithItsCredentials() {
        Map<String, ConnectionSpec> specs = ConnectionSpecs.fromConfig(new MapConfig(Map.of(
                "kurobe.connections.\"pg\".engine", "Postgres",
                "kurobe.connections.\"pg\".jdbc-url", "jdbc:postgresql://127.0.0.1:5432/shop",
                "kurobe.connections.\"pg\".user", "reader",
                "kurobe.connections.\"pg\".password", "secret")));
        assertEquals(new ConnectionSpec("pg", Engine.POSTGRES, "jdbc:postgresql://127.0.0.1:5432/shop", "reader",
                "secret"), specs.get("pg"));
    }

    @Test
    void readsATrinoConnection() {
        Map<String, ConnectionSpec> specs = ConnectionSpecs.fromConfig(new MapConfig(Map.of(
                "kurobe.connections.\"tr\".engine", "trino",
                "kurobe.connections.\"tr\".jdbc-url", "jdbc:trino://localhost:8080/tpch/tiny",
                "kurobe.connections.\"tr\".user", "analyst")));
        assertEquals(new ConnectionSpec("tr", Engine.TRINO, "jdbc:trino://localhost:8080/tpch/tiny", "analyst", null),
                specs.get("tr"));
    }

    @Test
    void refusesEnginesWithoutAConnector() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionSpecs.fromConfig(
                new MapConfig(Map.of("kurobe.connections.\"my\".engine", "mysql",
                        "kurobe.connections.\"my\".jdbc-url", "jdbc:mysql://localhost:3306/shop"))));
        assertEquals("connection 'my': engine 'mysql' is not supported yet; supported: duckdb, postgres, sqlite,"
                + " trino", e.getMessage());
    }

    @Test
    void requiresAJdbcUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionSpecs.fromConfig(
                new MapConfig(Map.of("kurobe.connections.\"demo\".engine", "duckdb"))));
        assertEquals("connection 'demo' has no jdbc-url", e.getMessage());
    }

    /** A Config over a map: the parser only reads names and optional string values. */
    private static final class MapConfig implements Config {
        private final Map<String, String> values;

        MapConfig(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new IllegalStateException("not used by the parser");
        }

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            return Optional.ofNullable(values.get(name)).map(type::cast);
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException("cannot unwrap to " + type);
        }
    }
}
