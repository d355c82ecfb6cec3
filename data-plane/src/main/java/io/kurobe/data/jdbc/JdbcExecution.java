package io.kurobe.data.jdbc;

import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.ResultColumn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Runs one query on a JDBC connection inside the walls of {@link ExecutionLimits}: the statement is
 * cancelled when the timeout fires, and at most rowCap rows are read.
 */
public final class JdbcExecution {
    private static final ScheduledExecutorService CANCELLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kurobe-statement-canceller");
        t.setDaemon(true);
        return t;
    });

    private final Function<SQLException, String> errorMessage;
    private final int fetchSize;
    private final Duration cancelGrace;

    /** @param errorMessage turns a driver's exception text into one fit for the asker */
    public JdbcExecution(UnaryOperator<String> errorMessage) {
        this(e -> errorMessage.apply(e.getMessage()), 0, Duration.ZERO);
    }

    /**
     * For engines that enforce the timeout on the server themselves.
     *
     * @param errorMessage turns a driver's exception into a message fit for the asker
     * @param fetchSize    rows per round trip, 0 for the driver's default
     * @param cancelGrace  how long after the timeout the client cancels, as a backstop to the server's own cancel
     */
    public JdbcExecution(Function<SQLException, String> errorMessage, int fetchSize, Duration cancelGrace) {
        this.errorMessage = errorMessage;
        this.fetchSize = fetchSize;
        this.cancelGrace = cancelGrace;
    }

    public QueryResult run(Connection connection, String sql, ExecutionLimits limits) {
        if (limits.rowCap() < 1) {
            throw new IllegalArgumentException("row cap must be at least 1, was " + limits.rowCap());
        }
        long started = System.nanoTime();
        AtomicBoolean timedOut = new AtomicBoolean();
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(limits.rowCap() + 1);
            if (fetchSize > 0) {
                statement.setFetchSize(Math.min(fetchSize, limits.rowCap() + 1));
            }
            ScheduledFuture<?> cancel = CANCELLER.schedule(() -> cancel(statement, timedOut),
                    limits.timeout().plus(cancelGrace).toMillis(), TimeUnit.MILLISECONDS);
            try (ResultSet rs = statement.executeQuery(sql)) {
                List<ResultColumn> columns = columns(rs.getMetaData());
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == limits.rowCap()) {
                        truncated = true;
                        break;
                    }
                    rows.add(row(rs, columns.size()));
                }
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                String fingerprint = ResultFingerprint.of(rows, SqlText.hasTopLevelOrderBy(sql));
                return new QueryResult(columns, rows, truncated, fingerprint, elapsedMs);
            } finally {
                cancel.cancel(false);
            }
        } catch (SQLException e) {
            if (timedOut.get()) {
                throw new QueryFailedException(timeoutMessage(limits.timeout()), e);
            }
            throw new QueryFailedException(errorMessage.apply(e), e);
        }
    }

    private static void cancel(Statement statement, AtomicBoolean timedOut) {
        timedOut.set(true);
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // the statement finished or closed in the meantime: nothing left to cancel
        }
    }

    private static List<ResultColumn> columns(ResultSetMetaData meta) throws SQLException {
        List<ResultColumn> columns = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(new ResultColumn(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        return columns;
    }

    private static List<Object> row(ResultSet rs, int width) throws SQLException {
        List<Object> row = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
            row.add(JsonValues.of(rs.getObject(i)));
        }
        return row;
    }

    /** What the asker reads when a query ran out of time. */
    public static String timeoutMessage(Duration timeout) {
        return "query cancelled after " + describe(timeout) + " timeout";
    }

    static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
