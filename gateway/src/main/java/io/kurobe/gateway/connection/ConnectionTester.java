package io.kurobe.gateway.connection;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.Connector;
import io.kurobe.data.Connectors;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.trino.TrinoConnector;
import io.kurobe.data.trino.TrinoFailure;
import io.kurobe.gateway.connection.ConnectionTestResult.Outcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * Tries a connection the way the stages would use it: opens it through the data plane (read-only, with its
 * walls), runs {@code SELECT version()} (on Trino, also checks the URL's catalog and schema), and closes it. Failures are named by the driver's SQLState where
 * there is one; the message is the data plane's, which never holds the password.
 */
@ApplicationScoped
public class ConnectionTester {
    static final ExecutionLimits PROBE = new ExecutionLimits(1, Duration.ofSeconds(10));
    /** Longer than the connectors' own 10 s connect timeout, so theirs normally speaks first. */
    static final Duration DEADLINE = Duration.ofSeconds(25);

    public Uni<ConnectionTestResult> test(ConnectionSpec spec) {
        return Uni.createFrom().item(() -> probe(spec))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(DEADLINE)
                .recoverWithItem(() -> ConnectionTestResult.failed(name(spec.engine()), Outcome.TIMEOUT,
                        "no answer from the database within " + DEADLINE.toSeconds() + " s"));
    }

    static ConnectionTestResult probe(ConnectionSpec spec) {
        String engine = name(spec.engine());
        if (spec.engine() == Engine.TRINO) {
            return probeTrino(spec);
        }
        if (spec.engine() == Engine.DUCKDB || spec.engine() == Engine.SQLITE) {
            String label = spec.engine() == Engine.DUCKDB ? "DuckDB" : "SQLite";
            Path file = databaseFile(spec.jdbcUrl());
            if (file == null) {
                return ConnectionTestResult.failed(engine, Outcome.INVALID_URL, "a " + label
                        + " connection needs a database file: jdbc:" + engine + ":/path/to/file." + engine);
            }
            if (!Files.isRegularFile(file)) {
                return ConnectionTestResult.failed(engine, Outcome.FILE_MISSING,
                        "the " + label + " database file " + file + " does not exist on the gateway's machine");
            }
        }
        long start = System.nanoTime();
        try (Connector connector = Connectors.open(spec)) {
            QueryResult result = connector.execute(spec.engine() == Engine.SQLITE ? "SELECT 'SQLite ' || sqlite_version()"
                    : "SELECT version()", PROBE);
            long latencyMs = Math.max(0, (System.nanoTime() - start) / 1_000_000);
            String version = result.rows().isEmpty() ? "" : String.valueOf(result.rows().get(0).get(0));
            return ConnectionTestResult.passed(engine, latencyMs,
                    spec.engine() == Engine.DUCKDB ? "DuckDB " + version : version);
        } catch (QueryFailedException e) {
            return ConnectionTestResult.failed(engine, classify(e), e.getMessage());
        } catch (IllegalArgumentException e) {
            return ConnectionTestResult.failed(engine, Outcome.INVALID_URL, e.getMessage());
        }
    }

    /** Trino runs a query naming no table even when the URL's catalog is missing, so its connector checks it. */
    static ConnectionTestResult probeTrino(ConnectionSpec spec) {
        String engine = name(spec.engine());
        long start = System.nanoTime();
        try (TrinoConnector trino = new TrinoConnector(spec.id(), spec.jdbcUrl(), spec.user(), spec.password())) {
            String version = trino.serverVersion();
            return ConnectionTestResult.passed(engine, Math.max(0, (System.nanoTime() - start) / 1_000_000), version);
        } catch (QueryFailedException | IllegalArgumentException e) {
            return ConnectionTestResult.failed(engine, trinoOutcome(TrinoFailure.of(e)), e.getMessage());
        }
    }

    static Outcome trinoOutcome(TrinoFailure failure) {
        switch (failure) {
            case AUTHENTICATION_FAILED:
                return Outcome.AUTHENTICATION_FAILED;
            case HOST_UNREACHABLE:
                return Outcome.HOST_UNREACHABLE;
            case CATALOG_MISSING:
                return Outcome.DATABASE_MISSING;
            case TIMEOUT:
                return Outcome.TIMEOUT;
            case INVALID_URL:
                return Outcome.INVALID_URL;
            default:
                return Outcome.FAILED;
        }
    }

    static Outcome classify(QueryFailedException e) {
        String state = sqlState(e);
        if (hasCause(e, SocketTimeoutException.class) || "57014".equals(state)) {
            return Outcome.TIMEOUT;
        }
        switch (state) {
            case "28P01":
            case "28000":
                return Outcome.AUTHENTICATION_FAILED;
            case "3D000":
                return Outcome.DATABASE_MISSING;
            case "08001":
            case "08006":
                return Outcome.HOST_UNREACHABLE;
            default:
                return Outcome.FAILED;
        }
    }

    /** The file of a {@code jdbc:duckdb:} URL, or null for an in-memory database. */
    /** The file of a jdbc:duckdb: or jdbc:sqlite: URL, or null for none or an in-memory database. */
    static Path databaseFile(String jdbcUrl) {
        int colon = jdbcUrl.indexOf(':', "jdbc:".length());
        String rest = colon < 0 ? "" : jdbcUrl.substring(colon + 1);
        int query = rest.indexOf('?');
        String path = (query < 0 ? rest : rest.substring(0, query)).strip();
        return path.isEmpty() || path.startsWith(":memory:") ? null : Path.of(path);
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException && ((SQLException) t).getSQLState() != null) {
                return ((SQLException) t).getSQLState();
            }
        }
        return "";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String name(Engine engine) {
        return engine.name().toLowerCase(Locale.ROOT);
    }
}
