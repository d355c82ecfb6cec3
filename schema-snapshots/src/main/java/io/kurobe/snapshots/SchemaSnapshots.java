package io.kurobe.snapshots;

import io.kurobe.data.Connector;
import io.kurobe.data.SchemaSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A connection's schema, read from Redis before the database is introspected. A cached snapshot is trusted for one
 * check interval; after that the catalog's structure hash (one cheap query) decides: unchanged, it is trusted for
 * another interval; changed, the database is introspected again and the entry replaced.
 */
@ApplicationScoped
public class SchemaSnapshots {
    private static final Logger LOG = Logger.getLogger(SchemaSnapshots.class);

    private final Optional<SnapshotStore> store;
    private final Duration checkInterval;
    private final Clock clock;
    private final MeterRegistry registry;

    /** Where a snapshot came from. */
    public enum Source {
        /** Redis, its structure checked within the last interval. */
        CACHE,
        /** Redis, its structure checked just now and unchanged. */
        CACHE_CHECKED,
        /** The database, introspected just now. */
        INTROSPECTED
    }

    /** A snapshot, where it came from, and whether Redis holds it now. */
    public record Loaded(StoredSnapshot entry, Source source, boolean cached) {
        public SchemaSnapshot snapshot() {
            return entry.snapshot();
        }
    }

    @Inject
    public SchemaSnapshots(RedisDataSource redis, SnapshotCacheConfig config, MeterRegistry registry) {
        this(config.enabled() ? Optional.of(new SnapshotStore(redis, config.ttl())) : Optional.empty(),
                config.checkInterval(), Clock.systemUTC(), registry);
    }

    public SchemaSnapshots(Optional<SnapshotStore> store, Duration checkInterval, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.checkInterval = checkInterval;
        this.clock = clock;
        this.registry = registry;
    }

    /** For the CDI client proxy only. */
    protected SchemaSnapshots() {
        this(Optional.empty(), Duration.ZERO, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    /** The connection's schema: from Redis when its structure is unchanged, else introspected and stored. */
    public Loaded current(String tenantId, String connectionId, Connector connector) {
        SnapshotKey key = SnapshotKey.of(tenantId, connectionId);
        Optional<SnapshotStore.Cached> cached = store.flatMap(s -> s.read(key));
        if (cached.isPresent()) {
            StoredSnapshot entry = cached.get().entry();
            if (cached.get().checkedRecently()) {
                counted("cache");
                return new Loaded(entry, Source.CACHE, true);
            }
            String structure = connector.structureHash();
            if (structure.equals(entry.structureHash())) {
                store.get().markChecked(key, structure, checkInterval);
                counted("checked");
                return new Loaded(entry, Source.CACHE_CHECKED, true);
            }
            LOG.infof("schema of connection %s (tenant %s) changed since %s; introspecting it again", key.connectionId(),
                    key.tenantId(), entry.takenAt());
            counted("changed");
            return introspect(key, connector, structure);
        }
        counted("miss");
        return introspect(key, connector, connector.structureHash());
    }

    /** Introspects the connection now and replaces what Redis holds. */
    public Loaded refresh(String tenantId, String connectionId, Connector connector) {
        counted("refresh");
        return introspect(SnapshotKey.of(tenantId, connectionId), connector, connector.structureHash());
    }

    /** What Redis holds for the connection, without touching the database. */
    public Optional<StoredSnapshot> cached(String tenantId, String connectionId) {
        return store.flatMap(s -> s.read(SnapshotKey.of(tenantId, connectionId))).map(SnapshotStore.Cached::entry);
    }

    /** kurobe.schema.cache.lookups by result: cache, checked (structure unchanged), changed, miss, refresh. */
    private void counted(String result) {
        registry.counter("kurobe.schema.cache.lookups", "result", result).increment();
    }

    /** The structure hash is read first, so a change during the introspection shows at the next check. */
    private Loaded introspect(SnapshotKey key, Connector connector, String structure) {
        long start = System.nanoTime();
        SchemaSnapshot snapshot = connector.introspect();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        StoredSnapshot entry = new StoredSnapshot(snapshot, structure, clock.instant(), tookMs);
        boolean stored = store.map(s -> s.write(key, entry, checkInterval)).orElse(false);
        return new Loaded(entry, Source.INTROSPECTED, stored);
    }
}
