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
import io.kurobe.stage.Decision;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Executes the chosen SQL through the SQL guard, read-only, within the smaller of the asker's row limit and the panel cap
 * and a timeout, and turns its result into panels. No model exists yet, so every answer is offline.
 */
@Singleton
public class PanelService {
    private final ConnectorPool pool;
    private final GuardedExecutor executor;
    private final int maxRows;
    private final Duration timeout;
    private final Clock clock;

    @Inject
    public PanelService(ConnectorPool pool, PanelConfig config) {
        this(pool, config.maxRows(), config.timeout(), Clock.systemUTC());
    }

    public PanelService(ConnectorPool pool, int maxRows, Duration timeout, Clock clock) {
        this.pool = pool;
        this.executor = new GuardedExecutor(pool);
        this.maxRows = maxRows;
        this.timeout = timeout;
        this.clock = clock;
    }

    public Decision<PanelsReady> answer(CandidateSelected selected) {
        String connectionId = selected.envelope().connectionId();
        if (!pool.has(connectionId)) {
            return Decision.fail("UNKNOWN_CONNECTION", "Unknown connection '" + connectionId + "'; configured: "
                    + (pool.ids().isEmpty() ? "none" : String.join(", ", pool.ids())) + ".");
        }
        String sql = selected.chosen().sql();
        int rowCap = Math.min(selected.options().rowLimit(), maxRows);
        QueryResult result;
        try {
            result = executor.execute(connectionId, sql, new ExecutionLimits(rowCap, timeout));
        } catch (QueryRejectedException e) {
            return Decision.fail("SQL_REJECTED", "The query was not run: " + e.getMessage());
        } catch (QueryFailedException e) {
            return Decision.fail("EXECUTION_FAILED", "The query could not run: " + e.getMessage());
        }
        List<Panel> panels = PanelChoice.panels(selected.question(), sql, result);
        PanelsReady ready = new PanelsReady(selected.envelope().next(clock.instant()), selected.question(), sql,
                panels, null, true);
        return Decision.forward(ready, panels.get(0).kind() + " panel of " + result.rows().size() + " rows"
                + (result.truncated() ? " (truncated)" : ""));
    }
}
