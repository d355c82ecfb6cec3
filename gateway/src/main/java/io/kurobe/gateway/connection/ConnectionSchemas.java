package io.kurobe.gateway.connection;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.Connector;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Connectors;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.guard.GuardPolicy;
import io.kurobe.gateway.auth.Caller;
import io.kurobe.gateway.problem.ErrorCode;
import io.kurobe.gateway.problem.ProblemException;
import io.kurobe.snapshots.SchemaSnapshots;
import io.kurobe.snapshots.StoredSnapshot;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The schema snapshots of a tenant's connections, read and refreshed through the same Redis cache the schema stage
 * uses. A configured connection (such as "demo") is read through the gateway's pool; a stored one is opened from
 * its current row for the call and closed after it.
 */
@ApplicationScoped
public class ConnectionSchemas {
    @Inject
    ConnectionService connections;

    @Inject
    ConnectorPool pool;

    @Inject
    SchemaSnapshots snapshots;

    /** Introspects the connection now and replaces the cached snapshot. */
    public Uni<SchemaRefreshed> refresh(Caller caller, String id) {
        String tenantId = caller.tenantId().toString();
        return withConnector(caller, id, (connectionId, connector) -> {
            SchemaSnapshots.Loaded loaded = snapshots.refresh(tenantId, connectionId, connector);
            StoredSnapshot entry = loaded.entry();
            return new SchemaRefreshed(connectionId, entry.snapshot().fingerprint(), entry.snapshot().tables().size(),
                    entry.tookMs(), entry.takenAt(), loaded.cached());
        });
    }

    /** The cached snapshot; introspected (and cached) when there is none. */
    public Uni<SchemaView> get(Caller caller, String id) {
        String tenantId = caller.tenantId().toString();
        return target(caller, id).chain(target -> blocking(() -> {
            Optional<StoredSnapshot> cached = snapshots.cached(tenantId, target.connectionId());
            if (cached.isPresent()) {
                return SchemaView.of(target.connectionId(), cached.get(), true);
            }
            return target.use(connector -> SchemaView.of(target.connectionId(),
                    snapshots.current(tenantId, target.connectionId(), connector).entry(), false));
        }));
    }

    /**
     * What the SQL guard allows on the connection, as for the pipeline's generated SQL: its engine's dialect and the
     * tables of its schema snapshot (the cached one, else introspected now).
     */
    public Uni<GuardPolicy> guardPolicy(Caller caller, String id) {
        String tenantId = caller.tenantId().toString();
        return target(caller, id).chain(target -> blocking(() -> {
            SchemaSnapshot schema = snapshots.cached(tenantId, target.connectionId())
                    .map(StoredSnapshot::snapshot)
                    .orElseGet(() -> target.use(connector ->
                            snapshots.current(tenantId, target.connectionId(), connector).snapshot()));
            return GuardPolicy.forSchema(schema, ExecutionLimits.DEFAULT.rowCap());
        }));
    }

    /**
     * The id the pipeline knows the connection by: a configured id as configured, a stored one as its UUID; a
     * problem when it is neither a configured id nor one of the caller's live stored connections.
     */
    public Uni<String> connectionId(Caller caller, String id) {
        String trimmed = id == null ? "" : id.strip();
        if (pool.has(trimmed)) {
            return Uni.createFrom().item(trimmed);
        }
        UUID uuid = storedId(trimmed);
        return connections.exists(caller, uuid.toString()).map(exists -> {
            if (!exists) {
                throw ConnectionService.notFound(trimmed);
            }
            return uuid.toString();
        });
    }

    private <T> Uni<T> withConnector(Caller caller, String id, Work<T> work) {
        return target(caller, id).chain(target -> blocking(() ->
                target.use(connector -> work.run(target.connectionId(), connector))));
    }

    /** A configured id, or the UUID of one of the caller's live stored connections. */
    private Uni<Target> target(Caller caller, String id) {
        String trimmed = id == null ? "" : id.strip();
        if (pool.has(trimmed)) {
            return Uni.createFrom().item(new Target(trimmed, null));
        }
        UUID uuid = storedId(trimmed);
        return connections.spec(caller, uuid).map(spec -> new Target(uuid.toString(), spec));
    }

    private UUID storedId(String id) {
        return ConnectionService.uuid(id).orElseThrow(() -> new ProblemException(ErrorCode.CONNECTION_NOT_FOUND,
                "There is no connection '" + id + "' for this API key's tenant: name a configured connection ("
                        + String.join(", ", pool.ids()) + ") or the id of a stored one."));
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(String connectionId, Connector connector);
    }

    /** A connection to read: configured (spec null: the pool's shared connector) or stored (opened for the call). */
    private final class Target {
        private final String connectionId;
        private final ConnectionSpec spec;

        Target(String connectionId, ConnectionSpec spec) {
            this.connectionId = connectionId;
            this.spec = spec;
        }

        String connectionId() {
            return connectionId;
        }

        <T> T use(Function<Connector, T> work) {
            try {
                if (spec == null) {
                    return work.apply(pool.connector(connectionId));
                }
                try (Connector connector = Connectors.open(spec)) {
                    return work.apply(connector);
                }
            } catch (QueryFailedException e) {
                throw new ProblemException(ErrorCode.DATABASE_UNREACHABLE, "The database of connection '" + connectionId
                        + "' could not be read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ErrorCode.CONNECTION_INVALID, "Connection '" + connectionId
                        + "' cannot be opened: " + e.getMessage());
            }
        }
    }
}
