package io.kurobe.snapshots;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kurobe.model.EventJson;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Snapshots in Redis as JSON. Redis only ever saves work: when it is absent or failing, a read finds nothing and a
 * write is skipped; the first failure is logged as a warning, and the recovery once.
 */
public class SnapshotStore {
    private static final Logger LOG = Logger.getLogger(SnapshotStore.class);

    private final ValueCommands<String, String> values;
    private final Duration ttl;
    private final AtomicBoolean down = new AtomicBoolean();

    /** A cached snapshot, and whether its structure was found unchanged within the last check interval. */
    public record Cached(StoredSnapshot entry, boolean checkedRecently) {
    }

    public SnapshotStore(RedisDataSource redis, Duration ttl) {
        this.values = redis.value(String.class);
        this.ttl = ttl;
    }

    public Optional<Cached> read(SnapshotKey key) {
        Map<String, String> found;
        try {
            found = values.mget(key.snapshot(), key.checked());
        } catch (RuntimeException e) {
            failed("read", e);
            return Optional.empty();
        }
        recovered();
        String json = found.get(key.snapshot());
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Cached(EventJson.mapper().readValue(json, StoredSnapshot.class),
                    found.get(key.checked()) != null));
        } catch (JsonProcessingException e) {
            LOG.warnf("schema cache: the entry %s cannot be read (%s); introspecting again", key.snapshot(),
                    e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** Stores the snapshot and marks its structure as checked for one interval; false when Redis failed. */
    public boolean write(SnapshotKey key, StoredSnapshot entry, Duration checkInterval) {
        try {
            values.set(key.snapshot(), EventJson.write(entry), new SetArgs().px(ttl));
            values.set(key.checked(), entry.structureHash(), new SetArgs().px(checkInterval));
        } catch (RuntimeException e) {
            failed("store", e);
            return false;
        }
        recovered();
        return true;
    }

    /** Notes that the cached snapshot's structure was just found unchanged. */
    public void markChecked(SnapshotKey key, String structureHash, Duration checkInterval) {
        try {
            values.set(key.checked(), structureHash, new SetArgs().px(checkInterval));
        } catch (RuntimeException e) {
            failed("mark", e);
        }
    }

    private void failed(String action, RuntimeException e) {
        if (down.compareAndSet(false, true)) {
            LOG.warnf("schema cache: Redis failed (%s an entry: %s); schemas are introspected from the database until"
                    + " it answers again, and further failures are not logged", action, e.toString());
        }
    }

    private void recovered() {
        if (down.compareAndSet(true, false)) {
            LOG.info("schema cache: Redis answers again; introspected schemas are cached in it");
        }
    }
}
