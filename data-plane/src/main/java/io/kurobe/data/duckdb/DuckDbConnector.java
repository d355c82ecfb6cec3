package io.kurobe.data.duckdb;

import io.kurobe.data.Connector;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.jdbc.CatalogHash;
import io.kurobe.data.jdbc.JdbcExecution;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A DuckDB file opened read-only, with file and network access switched off and the configuration locked,
 * so generated SQL can neither write, read other files nor loosen those settings. Every call gets its own
 * connection on the one database instance; many processes may hold the same file open read-only.
 */
public final class DuckDbConnector implements Connector {
    private static final String PENDING_PREFIX =
            "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\nError: ";
    private static final int MAX_MESSAGE_LINES = 12;
    /** The tables, columns and types introspection reads, from the catalog alone. */
    private static final String STRUCTURE = "SELECT table_name, column_name, data_type FROM duckdb_columns()"
            + " WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal"
            + " ORDER BY table_name, column_index";
    private static final int MAX_MESSAGE_CHARS = 1000;

    private final String dbId;
    private final DuckDBConnection database;
    private final JdbcExecution execution = new JdbcExecution(DuckDbConnector::readableMessage);

    public DuckDbConnector(String dbId, String jdbcUrl) {
        this.dbId = dbId;
        try {
            this.database = (DuckDBConnection) DriverManager.getConnection(jdbcUrl, readOnlyProperties());
        } catch (SQLException e) {
            throw new QueryFailedException("cannot open DuckDB database " + jdbcUrl + ": "
                    + readableMessage(e.getMessage()), e);
        }
    }

    static Properties readOnlyProperties() {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        p.setProperty("enable_external_access", "false");
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        p.setProperty("lock_configuration", "true");
        // stream chunks instead of materializing the whole result, so the row cap also caps the work
        p.setProperty("jdbc_stream_results", "true");
        return p;
    }

    @Override
    public Engine engine() {
        return Engine.DUCKDB;
    }

    @Override
    public SchemaSnapshot introspect() {
        try (Connection connection = database.duplicate()) {
            return new DuckDbIntrospector(connection).snapshot(dbId);
        } catch (SQLException e) {
            throw new QueryFailedException("introspection of " + dbId + " failed: " + readableMessage(e.getMessage()), e);
        }
    }

    @Override
    public String structureHash() {
        try (Connection connection = database.duplicate()) {
            return CatalogHash.of(connection, STRUCTURE);
        } catch (SQLException e) {
            throw new QueryFailedException("structure check of " + dbId + " failed: " + readableMessage(e.getMessage()), e);
        }
    }

    @Override
    public QueryResult execute(String sql, ExecutionLimits limits) {
        try (Connection connection = database.duplicate()) {
            return execution.run(connection, sql, limits);
        } catch (SQLException e) {
            throw new QueryFailedException(readableMessage(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing DuckDB database " + dbId + " failed", e);
        }
    }

    /** DuckDB wraps most errors in a generic pending-query line and may append long candidate lists. */
    static String readableMessage(String message) {
        if (message == null || message.isBlank()) {
            return "DuckDB reported an error without a message";
        }
        String text = message.startsWith(PENDING_PREFIX) ? message.substring(PENDING_PREFIX.length()) : message;
        String[] lines = text.strip().split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, MAX_MESSAGE_LINES); i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(lines[i].stripTrailing());
        }
        if (lines.length > MAX_MESSAGE_LINES) {
            out.append("\n…");
        }
        return out.length() > MAX_MESSAGE_CHARS ? out.substring(0, MAX_MESSAGE_CHARS) + "…" : out.toString();
    }
}
