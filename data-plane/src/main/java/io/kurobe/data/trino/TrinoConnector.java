package io.kurobe.data.trino;

import io.kurobe.data.Connector;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.jdbc.CatalogHash;
import io.kurobe.data.jdbc.JdbcExecution;
import io.kurobe.data.jdbc.SqlText;
import io.trino.jdbc.TrinoConnection;
import io.trino.jdbc.TrinoDriver;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One catalog (and optionally one schema) of a Trino cluster. A Trino JDBC connection is a light client of the
 * coordinator's HTTP API, so each call opens its own, and the connector's one driver keeps the HTTP connections
 * pooled. Generated SQL runs in a read-only transaction (Trino refuses any write in it) with
 * {@code query_max_run_time} set to the timeout, so the coordinator cancels a query that runs too long; the client
 * cancels too, a little later, in case the coordinator cannot. Reading stops at the row cap, which closes the
 * result and cancels the rest of the query on the coordinator.
 *
 * <p>Configured as {@code kurobe.connections."<id>".engine=trino}, {@code jdbc-url}
 * ({@code jdbc:trino://host:port/catalog[/schema]}, driver parameters such as {@code SSL=true} after {@code ?}),
 * {@code user} (Trino needs one; {@code kurobe} when none is given) and {@code password} (Trino accepts one only
 * over HTTPS).
 */
public final class TrinoConnector implements Connector {
    static final String DEFAULT_USER = "kurobe";
    static final Duration CANCEL_GRACE = Duration.ofMillis(500);
    static final Duration INTROSPECTION_TIMEOUT = Duration.ofSeconds(120);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** Parameters the connection's own fields set; the URL's copies count only where a field is empty. */
    private static final Set<String> OWN_PARAMETERS = Set.of("user", "password");

    private final String dbId;
    private final TrinoUrl url;
    private final Properties properties;
    private final TrinoDriver driver = new TrinoDriver();

    public TrinoConnector(String dbId, String jdbcUrl, String user, String password) {
        this.dbId = dbId;
        this.url = TrinoUrl.parse(jdbcUrl);
        this.properties = properties(url, user, password);
    }

    /** The URL's parameters, then the connection's user and password, which win over any the URL holds. */
    static Properties properties(TrinoUrl url, String user, String password) {
        Properties properties = new Properties();
        for (Map.Entry<String, String> parameter : url.parameters().entrySet()) {
            if (!OWN_PARAMETERS.contains(parameter.getKey())) {
                properties.setProperty(parameter.getKey(), parameter.getValue());
            }
        }
        String urlUser = url.parameters().get("user");
        properties.setProperty("user", user != null && !user.isBlank() ? user
                : urlUser != null && !urlUser.isBlank() ? urlUser : DEFAULT_USER);
        String chosenPassword = password != null ? password : url.parameters().get("password");
        if (chosenPassword != null && !chosenPassword.isEmpty()) {
            properties.setProperty("password", chosenPassword);
        }
        properties.putIfAbsent("source", "kurobe");
        return properties;
    }

    @Override
    public Engine engine() {
        return Engine.TRINO;
    }

    /** The catalog (and schema) of the URL, the one this connector reads. */
    public String target() {
        return url.target();
    }

    @Override
    public SchemaSnapshot introspect() {
        return inOwnQueries(INTROSPECTION_TIMEOUT,
                connection -> new TrinoIntrospector(connection, url.catalog(), url.schema()).snapshot(dbId),
                reason -> "introspection of " + dbId + " failed: " + reason);
    }

    @Override
    public String structureHash() {
        return inOwnQueries(INTROSPECTION_TIMEOUT,
                connection -> CatalogHash.of(connection, TrinoIntrospector.structureQuery(url.catalog(), url.schema())),
                reason -> "structure check of " + dbId + " failed: " + reason);
    }

    @Override
    public QueryResult execute(String sql, ExecutionLimits limits) {
        JdbcExecution execution = new JdbcExecution(e -> TrinoErrors.message(e, url, limits.timeout()), 0,
                CANCEL_GRACE);
        return inReadOnlyTransaction(limits.timeout(), connection -> execution.run(connection, sql, limits),
                reason -> reason);
    }

    /**
     * The server's version, after checking that the URL's catalog and schema exist: what a connection test
     * reports. Trino runs a query that names no table even when the session's catalog is missing, so this asks.
     */
    public String serverVersion() {
        String sql = "SELECT version(), count(*) FROM " + SqlText.quoteIdentifier(url.catalog())
                + ".information_schema.schemata"
                + (url.schema() == null ? "" : " WHERE schema_name = " + TrinoIntrospector.literal(url.schema()));
        return inOwnQueries(PROBE_TIMEOUT, connection -> {
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                String version = "";
                long schemas = 0;
                while (rs.next()) {
                    version = rs.getString(1);
                    schemas = rs.getLong(2);
                }
                if (url.schema() != null && schemas == 0) {
                    throw new CatalogMissingException("schema '" + url.schema() + "' does not exist in catalog '"
                            + url.catalog() + "' on Trino at " + url.hostPort() + "; check the schema in the JDBC"
                            + " URL (" + TrinoUrl.SHAPE + ") against SHOW SCHEMAS FROM " + url.catalog());
                }
                return "Trino " + version;
            }
        }, reason -> reason);
    }

    @Override
    public void close() {
        try {
            driver.close();
        } catch (IOException e) {
            throw new IllegalStateException("closing the Trino driver of " + dbId + " failed", e);
        }
    }

    /**
     * Runs generated SQL in a read-only transaction whose queries the coordinator stops at the timeout. Closing a
     * result before its end cancels the query and with it the transaction, so one transaction holds one query.
     */
    private <T> T inReadOnlyTransaction(Duration timeout, Work<T> work, UnaryOperator<String> framing) {
        return withConnection(timeout, true, work, framing);
    }

    /**
     * Runs the connector's own fixed queries (introspection, checks), each in its own transaction, so a result
     * closed early does not end the ones after it. They are read-only by their text; generated SQL never runs here.
     */
    private <T> T inOwnQueries(Duration timeout, Work<T> work, UnaryOperator<String> framing) {
        return withConnection(timeout, false, work, framing);
    }

    private <T> T withConnection(Duration timeout, boolean readOnlyTransaction, Work<T> work,
                                 UnaryOperator<String> framing) {
        Connection connection = open();
        try {
            if (readOnlyTransaction) {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
            }
            connection.unwrap(TrinoConnection.class).setSessionProperty("query_max_run_time",
                    Math.max(1, timeout.toMillis()) + "ms");
            return work.run(connection);
        } catch (SQLException e) {
            throw new QueryFailedException(framing.apply(TrinoErrors.message(e, url, timeout)), e);
        } finally {
            end(connection, readOnlyTransaction);
        }
    }

    private Connection open() {
        try {
            return driver.connect(url.driverUrl(), properties);
        } catch (SQLException e) {
            throw new QueryFailedException(TrinoErrors.message(e, url, Duration.ZERO), e);
        }
    }

    private static void end(Connection connection, boolean rollback) {
        try (connection) {
            if (rollback) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // the transaction ended with a failed query, or the coordinator is gone: nothing of it is left to undo
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
