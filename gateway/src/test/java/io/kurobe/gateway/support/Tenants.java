package io.kurobe.gateway.support;

import io.kurobe.gateway.auth.ApiKeys;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Tenants and keys for tests, written as the admin user (as an operator would). */
public final class Tenants {
    /** The key the test profile bootstraps for tenant "demo". */
    public static final String DEMO_KEY = "kb_test_demo_0123456789abcdef";
    public static final String OTHER_KEY = "kb_test_other_0123456789abcdef";

    private Tenants() {
    }

    public static String bearer(String key) {
        return "Bearer " + key;
    }

    /** Makes sure a tenant exists and owns the key; returns the tenant's id. */
    public static UUID ensure(String tenant, String key) {
        try (Connection connection = admin()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tenants (name) VALUES (?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, tenant);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO api_keys (tenant_id, key_hash, prefix, name)
                    SELECT id, ?, ?, 'test' FROM tenants WHERE name = ? ON CONFLICT (key_hash) DO NOTHING""")) {
                insert.setString(1, ApiKeys.hash(key));
                insert.setString(2, ApiKeys.displayPrefix(key));
                insert.setString(3, tenant);
                insert.executeUpdate();
            }
            return idOf(connection, tenant);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static UUID idOf(String tenant) {
        try (Connection connection = admin()) {
            return idOf(connection, tenant);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID idOf(Connection connection, String tenant) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM tenants WHERE name = ?")) {
            select.setString(1, tenant);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getObject(1, UUID.class);
            }
        }
    }

    /** A connection as the admin user, who is not subject to row-level security. */
    public static Connection admin() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.migration.jdbc.url", String.class),
                config.getValue("kurobe.db.admin.user", String.class),
                config.getOptionalValue("kurobe.db.admin.password", String.class).orElse(""));
    }

    /** A connection as the application's role, which row-level security applies to. */
    public static Connection app() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.migration.jdbc.url", String.class),
                config.getValue("kurobe.db.app.user", String.class),
                config.getValue("kurobe.db.app.password", String.class));
    }

    /** How many rows a query as the admin finds. */
    public static long count(String sql, Object... parameters) {
        try (Connection connection = admin(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
