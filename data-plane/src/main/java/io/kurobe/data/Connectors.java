package io.kurobe.data;

import io.kurobe.data.duckdb.DuckDbConnector;

/** Opens the connector for a connection's engine. */
public final class Connectors {
    private Connectors() {
    }

    public static Connector open(ConnectionSpec spec) {
        if (spec.engine() == Engine.DUCKDB) {
            return new DuckDbConnector(spec.id(), spec.jdbcUrl());
        }
        throw new IllegalArgumentException("engine '" + spec.engine().dialect() + "' is not supported yet; supported: "
                + Engine.DUCKDB.dialect());
    }
}
