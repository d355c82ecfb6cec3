package io.kurobe.data;

import io.kurobe.data.guard.GuardPolicy;
import io.kurobe.data.guard.GuardVerdict;
import io.kurobe.data.guard.SqlGuard;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The one way generated SQL reaches a user's database: checked by the SQL guard against the tables of
 * the connection's introspected schema, rewritten to the row cap, then run by the read-only connector.
 */
@Singleton
public class GuardedExecutor {
    private static final Duration SCHEMA_TTL = Duration.ofMinutes(1);

    private final ConnectorPool pool;
    private final SqlGuard guard = new SqlGuard();
    private final InstantSource clock;
    private final Map<String, Tables> tables = new ConcurrentHashMap<>();

    /** A connection's table names, the catalog structure hash they were read under, and when that was checked. */
    private record Tables(Set<String> names, String structure, Instant checkedAt) {
    }

    @Inject
    public GuardedExecutor(ConnectorPool pool) {
        this(pool, InstantSource.system());
    }

    GuardedExecutor(ConnectorPool pool, InstantSource clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * Runs generated SQL on a configured connection; throws {@link QueryRejectedException} when the guard
     * refuses it and {@link QueryFailedException} when the database does.
     */
    public QueryResult execute(String connectionId, String sql, ExecutionLimits limits) {
        return execute(null, connectionId, sql, limits);
    }

    /** As {@link #execute(String, String, ExecutionLimits)}, on a configured or the tenant's stored connection. */
    public QueryResult execute(String tenantId, String connectionId, String sql, ExecutionLimits limits) {
        Connector connector = pool.connector(tenantId, connectionId);
        GuardVerdict verdict = guard.check(sql, policy(tenantId, connectionId, limits));
        if (!verdict.isAccepted()) {
            throw new QueryRejectedException(verdict.reason());
        }
        return connector.execute(verdict.sql(), limits);
    }

    /**
     * What the guard allows on a connection: its engine, the tables of its schema and one row over the cap, which
     * lets the connector see that a result was truncated. The tables are read by one introspection and then
     * trusted for a minute; after that a catalog-only structure check (one query) decides whether to read them
     * again, so an unchanged schema is never introspected twice (no row counts or example values re-read).
     */
    public GuardPolicy policy(String tenantId, String connectionId, ExecutionLimits limits) {
        Connector connector = pool.connector(tenantId, connectionId);
        String tablesKey = pool.has(connectionId) ? connectionId : tenantId + "/" + connectionId;
        return GuardPolicy.of(connector.engine(), tables(tablesKey, connector), limits.rowCap() + 1);
    }

    private Set<String> tables(String connectionId, Connector connector) {
        Instant now = clock.instant();
        Tables known = tables.get(connectionId);
        if (known != null && !known.checkedAt().plus(SCHEMA_TTL).isBefore(now)) {
            return known.names();
        }
        // the hash is taken before the tables are read: a change in between makes the next check read them again
        String structure = connector.structureHash();
        Set<String> names = known != null && known.structure().equals(structure)
                ? known.names()
                : connector.introspect().tables().stream().map(TableInfo::name).collect(Collectors.toUnmodifiableSet());
        tables.put(connectionId, new Tables(names, structure, now));
        return names;
    }
}
