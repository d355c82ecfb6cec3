package io.kurobe.data.postgres;

import io.agroal.api.AgroalDataSource;
import io.kurobe.data.Connector;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.jdbc.CatalogHash;
import io.kurobe.data.jdbc.JdbcExecution;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.postgresql.core.Parser;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * A PostgreSQL database behind a small validating pool. Every call runs in its own {@code BEGIN READ ONLY}
 * transaction with {@code SET LOCAL statement_timeout} and standard strings, through the extended protocol
 * (one statement per Parse), and is rolled back at the end, so nothing a query does outlives it.
 *
 * <p>Configured as {@code kurobe.connections."<id>".engine=postgres}, {@code jdbc-url}
 * ({@code jdbc:postgresql://host:port/database}; add {@code ?currentSchema=a,b} to introspect schemas other than
 * {@code public}), {@code user} and {@code password}.
 */
public final class PostgresConnector implements Connector {
    static final int FETCH_SIZE = 500;
    /** The server cancels at the timeout; the client cancels this much later in case the server cannot. */
    static final Duration CANCEL_GRACE = Duration.ofMillis(500);
    static final Duration INTROSPECTION_STATEMENT_TIMEOUT = Duration.ofSeconds(60);
    /** The readable tables' columns and types in the search path's schemas, as introspection reads them. */
    private static final String STRUCTURE = "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod)"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
            + " AND n.nspname = ANY (current_schemas(false)) AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND has_table_privilege(c.oid, 'SELECT')"
            + " ORDER BY n.nspname, c.relname, a.attnum";

    private final String dbId;
    private final String target;
    private final AgroalDataSource pool;

    public PostgresConnector(String dbId, String jdbcUrl, String user, String password) {
        this(dbId, jdbcUrl, user, password, PostgresPool.SIZE);
    }

    PostgresConnector(String dbId, String jdbcUrl, String user, String password, int poolSize) {
        this.dbId = dbId;
        this.target = target(jdbcUrl);
        try {
            this.pool = PostgresPool.open(jdbcUrl, user, password, poolSize);
        } catch (SQLException e) {
            throw new QueryFailedException("cannot set up the connection pool for PostgreSQL at " + target + ": "
                    + PostgresErrors.serverText(e), e);
        }
    }

    @Override
    public Engine engine() {
        return Engine.POSTGRES;
    }

    @Override
    public SchemaSnapshot introspect() {
        return inReadOnlyTransaction(INTROSPECTION_STATEMENT_TIMEOUT,
                connection -> new PostgresIntrospector(connection).snapshot(dbId),
                reason -> "introspection of " + dbId + " failed: " + reason);
    }

    @Override
    public String structureHash() {
        return inReadOnlyTransaction(INTROSPECTION_STATEMENT_TIMEOUT, connection -> CatalogHash.of(connection, STRUCTURE),
                reason -> "structure check of " + dbId + " failed: " + reason);
    }

    @Override
    public QueryResult execute(String sql, ExecutionLimits limits) {
        requireOneStatement(sql);
        JdbcExecution execution = new JdbcExecution(e -> PostgresErrors.executing(e, limits.timeout()),
                FETCH_SIZE, CANCEL_GRACE);
        return inReadOnlyTransaction(limits.timeout(), connection -> execution.run(connection, sql, limits),
                reason -> reason);
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * The driver splits SQL at top-level semicolons and would run every part; refusing more than one part here
     * leaves one statement per Parse, and the server refuses a Parse that still holds two.
     */
    static void requireOneStatement(String sql) {
        int parts;
        try {
            parts = Parser.parseJdbcSql(Parser.replaceProcessing(sql, true, true), true, false, true, false, false)
                    .size();
        } catch (SQLException e) {
            throw new QueryFailedException("cannot read the SQL: " + PostgresErrors.serverText(e), e);
        }
        if (parts == 0) {
            throw new QueryFailedException("the SQL holds no statement");
        }
        if (parts > 1) {
            throw new QueryFailedException("one statement per query: the SQL goes on after a ';' (" + parts
                    + " parts); send only the SELECT");
        }
    }

    private <T> T inReadOnlyTransaction(Duration timeout, Work<T> work, UnaryOperator<String> framing) {
        Connection connection = borrow();
        try {
            begin(connection, timeout);
            return work.run(connection);
        } catch (SQLException e) {
            throw new QueryFailedException(framing.apply(PostgresErrors.executing(e, timeout)), e);
        } finally {
            end(connection);
        }
    }

    private Connection borrow() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new QueryFailedException(PostgresErrors.connecting(e, target), e);
        }
    }

    /** The pool hands out connections with auto-commit off and read-only on, so the driver sends BEGIN READ ONLY. */
    private static void begin(Connection connection, Duration timeout) throws SQLException {
        long millis = Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL statement_timeout = " + millis);
            statement.execute("SET LOCAL standard_conforming_strings = on");
        }
    }

    private static void end(Connection connection) {
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            // the connection broke: validation on borrow keeps the pool from handing it out again
        }
    }

    /** host:port/database of a JDBC URL, for messages; never its parameters, which may hold a password. */
    static String target(String jdbcUrl) {
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        if (parsed == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): "
                    + PostgresPool.baseUrl(jdbcUrl));
        }
        return parsed.getProperty(PGProperty.PG_HOST.getName()) + ":" + parsed.getProperty(PGProperty.PG_PORT.getName())
                + "/" + parsed.getProperty(PGProperty.PG_DBNAME.getName());
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
