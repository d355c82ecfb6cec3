package io.kurobe.data;

/** One user database: introspection and read-only execution with a row cap and a timeout. */
public interface Connector extends AutoCloseable {
    Engine engine();

    SchemaSnapshot introspect();

    /**
     * A hash of the catalog's tables, columns and types, which changes when the structure does. Engines read it
     * from their catalog in one query; an engine without a cheaper way hashes a full introspection.
     */
    default String structureHash() {
        return introspect().fingerprint();
    }

    /** Runs one read-only query; throws {@link QueryFailedException} with a readable reason. */
    QueryResult execute(String sql, ExecutionLimits limits);

    @Override
    void close();
}
