package io.kurobe.linking;

import io.kurobe.data.Connector;
import io.kurobe.data.ConnectorPool;
import io.kurobe.snapshots.SchemaSnapshots;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * The schema stage's connections: the data plane's pool, whose connectors introspect through the Redis snapshot
 * cache ({@link SchemaSnapshots}), keyed by the question's tenant and connection.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachedSchemaPool extends ConnectorPool {
    private final SchemaSnapshots snapshots;

    @Inject
    public CachedSchemaPool(Config config, SchemaSnapshots snapshots) {
        super(config);
        this.snapshots = snapshots;
    }

    /** For the CDI client proxy only. */
    protected CachedSchemaPool() {
        this.snapshots = null;
    }

    @Override
    public Connector connector(String tenantId, String id) {
        return new CachedSchemaConnector(super.connector(tenantId, id), tenantId, id, snapshots);
    }
}
