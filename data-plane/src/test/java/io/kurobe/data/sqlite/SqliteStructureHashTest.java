package io.kurobe.data.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The catalog-only structure check on a SQLite file written between the connector's reads. */
class SqliteStructureHashTest {
    @TempDir
    Path dir;

    @Test
    void newRowsKeepTheHashAndANewColumnChangesIt() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("shop.db");
        write(url, "CREATE TABLE products (product_id INTEGER PRIMARY KEY, name VARCHAR);"
                + "INSERT INTO products VALUES (1, 'tea')");
        String before = hash(url);
        assertEquals(before, hash(url));

        write(url, "INSERT INTO products VALUES (2, 'coffee')");
        assertEquals(before, hash(url), "data is not structure");

        write(url, "ALTER TABLE products ADD COLUMN price NUMERIC(10, 2)");
        String withColumn = hash(url);
        assertNotEquals(before, withColumn);

        write(url, "CREATE TABLE suppliers (supplier_id INTEGER)");
        assertNotEquals(withColumn, hash(url));
    }

    private static String hash(String url) {
        try (SqliteConnector connector = new SqliteConnector("shop", url)) {
            return connector.structureHash();
        }
    }

    private static void write(String url, String script) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String sql : script.split(";")) {
                statement.execute(sql);
            }
        }
    }
}
