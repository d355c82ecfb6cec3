package io.kurobe.gateway.db;

import io.agroal.api.AgroalDataSource;
import io.kurobe.gateway.auth.ApiKeys;
import io.quarkus.agroal.DataSource;
import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Makes the metadata store ready before anything uses it: creates the database when it is missing
 * (Flyway cannot), migrates it as the admin user (which also makes the application's role), and
 * stores the bootstrap API key. Runs before the Kafka channels start, which observe at priority 1000.
 */
@ApplicationScoped
public class DatabaseSetup {
    private static final Logger LOG = Logger.getLogger(DatabaseSetup.class);
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    DbConfig db;

    @Inject
    BootstrapConfig bootstrap;

    @Inject
    @FlywayDataSource("migration")
    Flyway flyway;

    @Inject
    @DataSource("migration")
    AgroalDataSource admin;

    void onStart(@Observes @Priority(5) StartupEvent start) throws SQLException {
        createDatabaseIfMissing();
        if (db.cleanAtStart()) {
            flyway.clean();
        }
        var result = flyway.migrate();
        LOG.infof("database %s at schema version %s (%d migration(s) applied now)", db.name(),
                result.targetSchemaVersion == null ? flyway.info().current().getVersion() : result.targetSchemaVersion,
                result.migrationsExecuted);
        if (bootstrap.apiKey().isPresent()) {
            storeBootstrapKey(bootstrap.apiKey().get(), bootstrap.tenant());
        }
    }

    void createDatabaseIfMissing() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", db.admin().user());
        db.admin().password().ifPresent(password -> credentials.setProperty("password", password));
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl("postgres"), credentials)) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, db.name());
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + quoteIdentifier(db.name()));
                LOG.infof("created database %s", db.name());
            } catch (SQLException e) {
                // another replica created it first
                if (!DUPLICATE_DATABASE.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    void storeBootstrapKey(String key, String tenant) throws SQLException {
        if (!ApiKeys.wellFormed(key)) {
            throw new IllegalStateException("kurobe.bootstrap.api-key must start with '" + ApiKeys.PREFIX
                    + "' and be at least 16 printable characters");
        }
        try (Connection connection = admin.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tenants (name) VALUES (?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, tenant);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO api_keys (tenant_id, key_hash, prefix, name)
                    SELECT id, ?, ?, 'bootstrap' FROM tenants WHERE name = ?
                    ON CONFLICT (key_hash) DO NOTHING""")) {
                insert.setString(1, ApiKeys.hash(key));
                insert.setString(2, ApiKeys.displayPrefix(key));
                insert.setString(3, tenant);
                insert.executeUpdate();
            }
            try (PreparedStatement owner = connection.prepareStatement("""
                    SELECT t.name FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.key_hash = ?""")) {
                owner.setString(1, ApiKeys.hash(key));
                try (ResultSet rows = owner.executeQuery()) {
                    if (!rows.next() || !tenant.equals(rows.getString(1))) {
                        throw new IllegalStateException("the bootstrap API key " + ApiKeys.displayPrefix(key)
                                + "… already belongs to another tenant than '" + tenant + "'");
                    }
                }
            }
        }
        LOG.infof("bootstrap API key %s… belongs to tenant '%s'", ApiKeys.displayPrefix(key), tenant);
    }

    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
