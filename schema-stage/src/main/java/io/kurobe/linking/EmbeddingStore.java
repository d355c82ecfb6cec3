package io.kurobe.linking;

import io.kurobe.data.SchemaSnapshot;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A schema's embeddings in Redis, so a restarted or second replica of the schema stage reads them instead of
 * embedding a large schema again. The key names the model, the schema and a hash of the exact texts embedded, so
 * an entry is only ever read for the texts it was computed from. Redis only ever saves work: when it is absent or
 * failing, a read finds nothing and a write is skipped; the first failure is logged as a warning, and the
 * recovery once.
 */
public class EmbeddingStore {
    private static final Logger LOG = Logger.getLogger(EmbeddingStore.class);
    static final String MODEL = "all-minilm-l6-v2";
    /** No store: embeddings are kept in memory only. */
    static final EmbeddingStore NONE = new EmbeddingStore(null, Duration.ZERO);

    private final ValueCommands<String, byte[]> values;
    private final Duration ttl;
    private final AtomicBoolean down = new AtomicBoolean();

    /** @param redis where the embeddings go, or null for none */
    public EmbeddingStore(RedisDataSource redis, Duration ttl) {
        this.values = redis == null ? null : redis.value(String.class, byte[].class);
        this.ttl = ttl;
    }

    boolean enabled() {
        return values != null;
    }

    /** The Redis key of a schema's embeddings: the model, the schema's id and fingerprint, the texts' hash. */
    static String key(SchemaSnapshot snapshot, List<String> texts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String text : texts) {
                digest.update(text.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "kurobe:embeddings:" + MODEL + ":" + snapshot.dbId() + "@" + snapshot.fingerprint() + ":"
                    + HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<EmbeddingIndex> read(String key, SchemaSnapshot snapshot) {
        if (values == null) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = values.get(key);
        } catch (RuntimeException e) {
            failed("read", e);
            return Optional.empty();
        }
        recovered();
        if (bytes == null) {
            return Optional.empty();
        }
        Optional<EmbeddingIndex> index = EmbeddingIndex.fromBytes(bytes, snapshot);
        if (index.isEmpty()) {
            LOG.warnf("embedding cache: the entry %s does not fit the schema's tables and columns; embedding again", key);
        }
        return index;
    }

    /** Stores the schema's embeddings; false when there is no store or Redis failed. */
    boolean write(String key, EmbeddingIndex index) {
        if (values == null) {
            return false;
        }
        try {
            values.set(key, index.toBytes(), new SetArgs().px(ttl));
        } catch (RuntimeException e) {
            failed("store", e);
            return false;
        }
        recovered();
        return true;
    }

    private void failed(String action, RuntimeException e) {
        if (down.compareAndSet(false, true)) {
            LOG.warnf("embedding cache: Redis failed (%s an entry: %s); schema embeddings are kept in memory only"
                    + " until it answers again, and further failures are not logged", action, e.toString());
        }
    }

    private void recovered() {
        if (down.compareAndSet(true, false)) {
            LOG.info("embedding cache: Redis answers again; schema embeddings are kept in it");
        }
    }
}
