package io.kurobe.panel.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kurobe.data.QueryResult;
import io.kurobe.data.ResultColumn;
import io.kurobe.model.EventJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Query results in Redis under {@link CacheKey}s, for the configured time. The cache only ever speeds an answer up:
 * when Redis is absent or failing, a lookup is a miss and a store is skipped, counted in kurobe.cache.errors and
 * logged at most once a minute.
 */
@Singleton
public class QueryCache {
    private static final Logger LOG = Logger.getLogger(QueryCache.class);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    // numbers come back as written: no double rounding of decimals, no int/long narrowing
    private static final ObjectMapper JSON = EventJson.configure(new ObjectMapper())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private final ValueCommands<String, String> values;
    private final boolean enabled;
    private final Duration ttl;
    private final Clock clock;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);

    /** The stored form: the result and when it was computed. */
    record Entry(List<ResultColumn> columns, List<List<Object>> rows, boolean truncated, String fingerprint,
                 long elapsedMs, Instant storedAt) {
    }

    @Inject
    public QueryCache(RedisDataSource redis, CacheConfig config, MeterRegistry registry) {
        this(redis, config.enabled(), config.ttl(), registry, Clock.systemUTC());
    }

    public QueryCache(RedisDataSource redis, boolean enabled, Duration ttl, MeterRegistry registry, Clock clock) {
        this(redis.value(String.class), enabled, ttl, registry, clock);
    }

    private QueryCache(ValueCommands<String, String> values, boolean enabled, Duration ttl, MeterRegistry registry,
                       Clock clock) {
        this.values = values;
        this.enabled = enabled;
        this.ttl = ttl;
        this.clock = clock;
        this.hits = registry.counter("kurobe.cache.hits");
        this.misses = registry.counter("kurobe.cache.misses");
        this.errors = registry.counter("kurobe.cache.errors");
    }

    /** A cache that is never consulted, for answering without Redis. */
    public static QueryCache off() {
        return new QueryCache((ValueCommands<String, String>) null, false, Duration.ZERO, new SimpleMeterRegistry(),
                Clock.systemUTC());
    }

    public boolean enabled() {
        return enabled;
    }

    public Optional<CachedResult> get(String key) {
        if (!enabled) {
            return Optional.empty();
        }
        String json;
        try {
            json = values.get(key);
        } catch (RuntimeException e) {
            failed("read", e);
            misses.increment();
            return Optional.empty();
        }
        if (json == null) {
            misses.increment();
            return Optional.empty();
        }
        try {
            Entry entry = JSON.readValue(json, Entry.class);
            hits.increment();
            return Optional.of(new CachedResult(new QueryResult(entry.columns(), entry.rows(), entry.truncated(),
                    entry.fingerprint(), entry.elapsedMs()), entry.storedAt()));
        } catch (JsonProcessingException e) {
            failed("decode", e);
            misses.increment();
            return Optional.empty();
        }
    }

    public void put(String key, QueryResult result) {
        if (!enabled) {
            return;
        }
        try {
            Entry entry = new Entry(result.columns(), result.rows(), result.truncated(), result.fingerprint(),
                    result.elapsedMs(), clock.instant());
            values.set(key, JSON.writeValueAsString(entry), new SetArgs().px(ttl));
        } catch (RuntimeException | JsonProcessingException e) {
            failed("store", e);
        }
    }

    private void failed(String action, Exception e) {
        errors.increment();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((last == Long.MIN_VALUE || now - last >= WARN_EVERY.toNanos()) && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("query cache: could not %s an entry, answering without the cache (%s); further cache errors"
                    + " in the next minute are only counted in kurobe.cache.errors", action, e.toString());
        }
    }
}
