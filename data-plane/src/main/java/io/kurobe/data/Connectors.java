package io.kurobe.data;

import io.kurobe.data.duckdb.DuckDbConnector;
import io.kurobe.data.postgres.PostgresConnector;
import io.kurobe.data.sqlite.SqliteConnector;
import io.kurobe.data.trino.TrinoConnector;

/** Opens the connector for a connection's engine. */
public final class Connectors {
    private Connectors() {
    }

    public static Connector open(ConnectionSpec spec) {
        return switch (spec.engine()) {
            case DUCKDB -> new DuckDbConnector(spec.id(), spec.jdbcUrl());
            case POSTGRES -> new PostgresConnector(spec.id(), spec.jdbcUrl(), spec.user(), spec.password());
            case SQLITE -> new SqliteConnector(spec.id(), spec.jdbcUrl());
            case TRINO -> new TrinoConnector(spec.id(), spec.jdbcUrl(), spec.user(), spec.password());
        };
    }
}
