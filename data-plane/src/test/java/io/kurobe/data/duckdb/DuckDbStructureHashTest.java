package io.kurobe.data.duckdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The catalog-only structure check on a DuckDB file, written between read-only opens as a file swap would be. */
class DuckDbStructureHashTest {
    @TempDir
    Path dir;

    @Test
    void newRowsKeepTheHashAndANewColumnChangesIt() throws SQLException {
        String url = "jdbc:duckdb:" + dir.resolve("shop.duckdb");
        write(url, "CREATE TABLE products (product_id INTEGER PRIMARY KEY, name VARCHAR);"
                + "INSERT INTO products VALUES (1, 'tea')");
        String before = hash(url);
        assertEquals(before, hash(url));

        write(url, "INSERT INTO products VALUES (2, 'coffee')");
        assertEquals(before, hash(url), "data is not structure");

        write(url, "ALTER TABLE products ADD COLUMN price DECIMAL(10, 2)");
        String withColumn = hash(url);
        assertNotEquals(before, withColumn);

        write(url, "CREATE TABLE suppliers (supplier_id INTEGER)");
        assertNotEquals(withColumn, hash(url));
    }

    private static String hash(String url) {
        try (DuckDbConnector connector = new DuckDbConnector("shop", url)) {
            return connector.structureHash();
        }
    }

    private static void write(String url, String script) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(script);
        }
    }
}
