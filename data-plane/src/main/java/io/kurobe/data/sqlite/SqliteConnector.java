package io.kurobe.data.sqlite;

import io.kurobe.data.Connector;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.jdbc.CatalogHash;
import io.kurobe.data.jdbc.JdbcExecution;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A SQLite file opened read-only three times over: the driver's read-only flag, the READONLY open mode
 * (the file is never created or written) and {@code PRAGMA query_only}. Extension loading stays off.
 * Every call opens its own connection, which for a local file costs little and keeps calls independent;
 * the timeout cancels the statement, which interrupts SQLite's virtual machine.
 */
public final class SqliteConnector implements Connector {
    private static final int MAX_MESSAGE_CHARS = 1000;

    private final String dbId;
    private final String jdbcUrl;
    private final JdbcExecution execution = new JdbcExecution(SqliteConnector::readableMessage);

    public SqliteConnector(String dbId, String jdbcUrl) {
        this.dbId = dbId;
        this.jdbcUrl = jdbcUrl;
        try (Connection probe = open()) {
            probe.getMetaData();
        } catch (SQLException e) {
            throw new QueryFailedException("cannot open SQLite database " + jdbcUrl + ": "
                    + readableMessage(e.getMessage()), e);
        }
    }

    static Properties readOnlyProperties() {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.enableLoadExtension(false);
        return config.toProperties();
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, readOnlyProperties());
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA query_only = 1");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public Engine engine() {
        return Engine.SQLITE;
    }

    @Override
    public SchemaSnapshot introspect() {
        try (Connection connection = open()) {
            return new SqliteIntrospector(connection).snapshot(dbId);
        } catch (SQLException e) {
            throw new QueryFailedException("introspection of " + dbId + " failed: " + readableMessage(e.getMessage()), e);
        }
    }

    /** Each table's CREATE statement as SQLite keeps it: every column, type and key, from one catalog read. */
    @Override
    public String structureHash() {
        try (Connection connection = open()) {
            return CatalogHash.of(connection, "SELECT type, name, sql FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
        } catch (SQLException e) {
            throw new QueryFailedException("structure check of " + dbId + " failed: " + readableMessage(e.getMessage()), e);
        }
    }

    @Override
    public QueryResult execute(String sql, ExecutionLimits limits) {
        try (Connection connection = open()) {
            return execution.run(connection, sql, limits);
        } catch (SQLException e) {
            throw new QueryFailedException(readableMessage(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        // nothing is held between calls
    }

    /** The driver wraps SQLite's own text in its result code name and a generic phrase; the asker needs SQLite's text. */
    static String readableMessage(String message) {
        if (message == null || message.isBlank()) {
            return "SQLite reported an error without a message";
        }
        String text = message.strip();
        int bracket = text.indexOf("] ");
        if (text.startsWith("[SQLITE_") && bracket > 0) {
            text = text.substring(bracket + 2).strip();
        }
        int open = text.indexOf('(');
        if (open > 0 && text.endsWith(")") && text.startsWith("SQL error or missing database")) {
            text = text.substring(open + 1, text.length() - 1);
        }
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "…" : text;
    }
}
