package io.kurobe.data;

import io.kurobe.data.duckdb.DuckDbConnector;
import io.kurobe.data.postgres.PostgresConnector;
import io.kurobe.data.sqlite.SqliteConnector;

/** Opens the connector for a connection's engine. */
public final class Connectors {
    private Connectors() {
    }

    public static Connector open(ConnectionSpec spec) {
        if (spec.engine() == Engine.DUCKDB) {
            return new DuckDbConnector(spec.id(), spec.jdbcUrl());
        }
        if (spec.engine() == Engine.POSTGRES) {
            return new PostgresConnector(spec.id(), spec.jdbcUrl(), spec.user(), spec.password());
        }
        if (spec.engine() == Engine.SQLITE) {
            return new SqliteConnector(spec.id(), spec.jdbcUrl());
        }
        throw new IllegalArgumentException("engine '" + spec.engine().dialect() + "' is not supported yet; supported: "
                + ConnectionSpecs.SUPPORTED);
    }
}
