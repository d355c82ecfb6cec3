package io.kurobe.data.stored;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.Engine;
import io.kurobe.data.QueryFailedException;
import org.eclipse.microprofile.config.Config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The connections tenants stored through the gateway's API, read from the metadata PostgreSQL as the app role
 * with the tenant set for row-level security, soft-deleted rows skipped, passwords opened with the shared keys.
 * Nothing is connected or read until the first lookup.
 */
public class StoredConnections {
    private static final Logger LOG = Logger.getLogger(StoredConnections.class.getName());
    private static final String SELECT = "SELECT engine, jdbc_url, username, password_sealed, password_key_id, updated_at"
            + " FROM connections WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL";

    private final String url;
    private final String user;
    private final String password;
    private final Supplier<SecretBox> keys;
    private volatile SecretBox box;

    /** A stored connection's spec and when its row last changed. */
    public record Stored(ConnectionSpec spec, Instant updatedAt) {
    }

    public StoredConnections(String host, int port, String database, String user, String password,
                             Supplier<SecretBox> keys) {
        this.url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        this.user = user;
        this.password = password;
        this.keys = keys;
    }

    /** From {@code kurobe.db.host|port|name|app.user|app.password} and {@code kurobe.crypto.*}. */
    public static StoredConnections fromConfig(Config config) {
        return new StoredConnections(
                config.getOptionalValue("kurobe.db.host", String.class).orElse("127.0.0.1"),
                config.getOptionalValue("kurobe.db.port", Integer.class).orElse(5432),
                config.getOptionalValue("kurobe.db.name", String.class).orElse("kurobe"),
                config.getOptionalValue("kurobe.db.app.user", String.class).orElse("kurobe_app"),
                config.getOptionalValue("kurobe.db.app.password", String.class).orElse("kurobe-local"),
                () -> SealingKeys.fromConfig(config, LOG::info));
    }

    /** The tenant's live connection with this id; empty for ids that are not UUIDs, other tenants' or deleted. */
    public Optional<Stored> find(String tenantId, String connectionId) {
        Optional<UUID> tenant = uuid(tenantId);
        Optional<UUID> id = uuid(connectionId);
        if (tenant.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                try (PreparedStatement tenantSetting = connection.prepareStatement(
                        "SELECT set_config('app.current_tenant', ?, true)")) {
                    tenantSetting.setString(1, tenant.get().toString());
                    tenantSetting.execute();
                }
                Optional<Stored> found = read(connection, tenant.get(), id.get(), connectionId);
                connection.commit();
                return found;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new QueryFailedException("cannot read stored connection '" + connectionId + "' from " + url + ": "
                    + e.getMessage(), e);
        }
    }

    private Optional<Stored> read(Connection connection, UUID tenant, UUID id, String connectionId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setObject(1, id);
            select.setObject(2, tenant);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String keyId = row.getString("password_key_id");
                String plain = keyId == null ? null
                        : box().open(new SecretBox.Sealed(keyId, row.getBytes("password_sealed")), "connection:" + id);
                ConnectionSpec spec = new ConnectionSpec(connectionId, engine(connectionId, row.getString("engine")),
                        row.getString("jdbc_url"), row.getString("username"), plain);
                return Optional.of(new Stored(spec, row.getTimestamp("updated_at").toInstant()));
            }
        }
    }

    private SecretBox box() {
        SecretBox current = box;
        if (current == null) {
            synchronized (this) {
                if (box == null) {
                    box = keys.get();
                }
                current = box;
            }
        }
        return current;
    }

    private static Engine engine(String connectionId, String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        for (Engine engine : Engine.values()) {
            if (engine.dialect().equals(normalized)) {
                return engine;
            }
        }
        throw new IllegalStateException("stored connection '" + connectionId + "' names an unknown engine '"
                + normalized + "'");
    }

    private static Optional<UUID> uuid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "StoredConnections[" + url + " as " + user + "]";
    }
}
