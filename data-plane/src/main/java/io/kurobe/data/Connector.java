package io.kurobe.data;

/** One user database: introspection and read-only execution with a row cap and a timeout. */
public interface Connector extends AutoCloseable {
    Engine engine();

    SchemaSnapshot introspect();

    /** Runs one read-only query; throws {@link QueryFailedException} with a readable reason. */
    QueryResult execute(String sql, ExecutionLimits limits);

    @Override
    void close();
}
