package io.kurobe.panel;

import io.kurobe.data.ConnectorPool;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.GuardedExecutor;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryRejectedException;
import io.kurobe.data.QueryResult;
import io.kurobe.model.CandidateSelected;
import io.kurobe.model.Panel;
import io.kurobe.model.PanelsReady;
import io.kurobe.panel.cache.CacheKey;
import io.kurobe.panel.cache.CachedResult;
import io.kurobe.panel.cache.QueryCache;
import io.kurobe.stage.Decision;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Executes the chosen SQL through the SQL guard, read-only, within the smaller of the asker's row limit and the panel cap
 * and a timeout, and turns its result into panels. No model exists yet, so every answer is offline. A result of the
 * same SQL on the same connection, schema fingerprint and row cap is answered from the query cache while it lasts;
 * only results the guard accepted and the database returned are stored.
 */
@Singleton
public class PanelService {
    private final ConnectorPool pool;
    private final GuardedExecutor executor;
    private final int maxRows;
    private final Duration timeout;
    private final Clock clock;
    private final QueryCache cache;

    @Inject
    public PanelService(ConnectorPool pool, PanelConfig config, QueryCache cache) {
        this(pool, config.maxRows(), config.timeout(), Clock.systemUTC(), cache);
    }

    public PanelService(ConnectorPool pool, int maxRows, Duration timeout, Clock clock) {
        this(pool, maxRows, timeout, clock, QueryCache.off());
    }

    public PanelService(ConnectorPool pool, int maxRows, Duration timeout, Clock clock, QueryCache cache) {
        this.pool = pool;
        this.cache = cache;
        this.executor = new GuardedExecutor(pool);
        this.maxRows = maxRows;
        this.timeout = timeout;
        this.clock = clock;
    }

    public Decision<PanelsReady> answer(CandidateSelected selected) {
        String connectionId = selected.envelope().connectionId();
        String tenantId = selected.envelope().tenantId();
        if (!pool.has(tenantId, connectionId)) {
            return Decision.fail("UNKNOWN_CONNECTION", pool.unknownMessage(connectionId));
        }
        String sql = selected.chosen().sql();
        int rowCap = Math.min(selected.options().rowLimit(), maxRows);
        // without the schema's fingerprint a stored result could outlive the schema it was read from
        Optional<String> key = Optional.ofNullable(selected.schemaFingerprint()).filter(f -> !f.isBlank())
                .map(f -> CacheKey.of(selected.envelope().tenantId(), connectionId, f, rowCap, sql));
        Optional<CachedResult> cached = key.flatMap(cache::get);
        QueryResult result;
        if (cached.isPresent()) {
            result = cached.get().result();
        } else {
            try {
                result = executor.execute(tenantId, connectionId, sql, new ExecutionLimits(rowCap, timeout));
            } catch (QueryRejectedException e) {
                return Decision.fail("SQL_REJECTED", "The query was not run: " + e.getMessage());
            } catch (QueryFailedException e) {
                return Decision.fail("EXECUTION_FAILED", "The query could not run: " + e.getMessage());
            }
            QueryResult fresh = result;
            key.ifPresent(k -> cache.put(k, fresh));
        }
        Instant now = clock.instant();
        Instant cachedAt = cached.map(CachedResult::storedAt).orElse(null);
        List<Panel> panels = PanelChoice.panels(selected.question(), sql, result);
        PanelsReady ready = new PanelsReady(selected.envelope().next(now), selected.question(), sql, panels, null,
                true, cachedAt);
        return Decision.forward(ready, panels.get(0).kind() + " panel of " + result.rows().size() + " rows"
                + (result.truncated() ? " (truncated)" : "")
                + (cachedAt == null ? "" : ", from cache, " + Duration.between(cachedAt, now).toSeconds() + " s old"));
    }
}
