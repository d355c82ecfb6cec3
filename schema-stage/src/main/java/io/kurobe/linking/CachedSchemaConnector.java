package io.kurobe.linking;

import io.kurobe.data.Connector;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryResult;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.snapshots.SchemaSnapshots;

/** A pooled connector whose introspection is answered from the snapshot cache while the structure is unchanged. */
final class CachedSchemaConnector implements Connector {
    private final Connector pooled;
    private final String tenantId;
    private final String connectionId;
    private final SchemaSnapshots snapshots;

    CachedSchemaConnector(Connector pooled, String tenantId, String connectionId, SchemaSnapshots snapshots) {
        this.pooled = pooled;
        this.tenantId = tenantId;
        this.connectionId = connectionId;
        this.snapshots = snapshots;
    }

    @Override
    public Engine engine() {
        return pooled.engine();
    }

    @Override
    public SchemaSnapshot introspect() {
        return snapshots.current(tenantId, connectionId, pooled).snapshot();
    }

    @Override
    public String structureHash() {
        return pooled.structureHash();
    }

    @Override
    public QueryResult execute(String sql, ExecutionLimits limits) {
        return pooled.execute(sql, limits);
    }

    /** The pool owns the connector and closes it at shutdown. */
    @Override
    public void close() {
    }
}
