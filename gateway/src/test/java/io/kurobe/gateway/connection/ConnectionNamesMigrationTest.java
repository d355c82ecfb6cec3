package io.kurobe.gateway.connection;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** V3 on a database that already holds duplicate names: the gateway's migrations on the machine's PostgreSQL. */
class ConnectionNamesMigrationTest {
    private static final String DATABASE = "kurobe_v3_names_test";
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @BeforeEach
    void freshDatabase() throws SQLException {
        admin("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        admin("postgres", "CREATE DATABASE " + DATABASE);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        admin("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Test
    void liveDuplicatesAreRenamedAfterTheirOldestAndTheNameIsThenUnique() throws SQLException {
        migrate("2");
        admin(DATABASE, "INSERT INTO tenants (id, name) VALUES ('00000000-0000-0000-0000-0000000000a1', 'a'),"
                + " ('00000000-0000-0000-0000-0000000000b2', 'b');"
                + "INSERT INTO connections (id, tenant_id, name, engine, jdbc_url, created_at, deleted_at) VALUES"
                + " ('11111111-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000a1', 'sales', 'postgres', 'jdbc:postgresql://h/db', '2026-01-01', NULL),"
                + " ('22222222-0000-0000-0000-000000000002', '00000000-0000-0000-0000-0000000000a1', 'sales', 'postgres', 'jdbc:postgresql://h/db', '2026-02-01', NULL),"
                + " ('33333333-0000-0000-0000-000000000003', '00000000-0000-0000-0000-0000000000a1', 'sales', 'postgres', 'jdbc:postgresql://h/db', '2025-12-01', '2026-01-15'),"
                + " ('44444444-0000-0000-0000-000000000004', '00000000-0000-0000-0000-0000000000b2', 'sales', 'postgres', 'jdbc:postgresql://h/db', '2026-03-01', NULL)");

        migrate("latest");

        assertEquals(List.of("11111111 sales", "22222222 sales (22222222)", "33333333 sales", "44444444 sales"),
                names());
        SQLException duplicate = assertThrows(SQLException.class, () -> admin(DATABASE,
                "INSERT INTO connections (id, tenant_id, name, engine, jdbc_url) VALUES"
                        + " (gen_random_uuid(), '00000000-0000-0000-0000-0000000000a1', 'sales', 'postgres', 'jdbc:postgresql://h/db')"));
        assertEquals("23505", duplicate.getSQLState());
        admin(DATABASE, "UPDATE connections SET deleted_at = now() WHERE id = '11111111-0000-0000-0000-000000000001';"
                + "INSERT INTO connections (id, tenant_id, name, engine, jdbc_url) VALUES"
                + " (gen_random_uuid(), '00000000-0000-0000-0000-0000000000a1', 'sales', 'postgres', 'jdbc:postgresql://h/db')");
    }

    private static void migrate(String target) {
        Flyway.configure()
                .dataSource(SERVER + DATABASE, "postgres", "")
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_user", "kurobe_app", "app_password", "kurobe-local"))
                .target(target)
                .load()
                .migrate();
    }

    private static List<String> names() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
             PreparedStatement select = connection.prepareStatement(
                     "SELECT left(id::text, 8) || ' ' || name FROM connections ORDER BY id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static void admin(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + database, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
