package io.kurobe.gateway.connection;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.Engine;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.trino.TrinoFailure;
import io.kurobe.gateway.connection.ConnectionTestResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failures trust authentication on this machine cannot produce, named from the driver's SQLState, and Trino's
 * failures without a coordinator (the data plane's trino profile tests them against a real one).
 */
class ConnectionTesterTest {

    @Test
    void namesFailuresBySqlState() {
        assertEquals(Outcome.AUTHENTICATION_FAILED, outcome("28P01"));
        assertEquals(Outcome.AUTHENTICATION_FAILED, outcome("28000"));
        assertEquals(Outcome.DATABASE_MISSING, outcome("3D000"));
        assertEquals(Outcome.HOST_UNREACHABLE, outcome("08001"));
        assertEquals(Outcome.TIMEOUT, outcome("57014"));
        assertEquals(Outcome.FAILED, outcome("42501"));
        assertEquals(Outcome.FAILED, ConnectionTester.classify(new QueryFailedException("no state")));
    }

    @Test
    void aConnectTimeoutIsATimeoutNotAnUnreachableHost() {
        SQLException refused = new SQLException("The connection attempt failed.", "08001",
                new SocketTimeoutException("connect timed out"));
        assertEquals(Outcome.TIMEOUT, ConnectionTester.classify(new QueryFailedException("host unreachable", refused)));
    }

    @Test
    void aTrinoCoordinatorThatIsNotThereIsUnreachable() {
        ConnectionTestResult result = ConnectionTester.probe(
                new ConnectionSpec("t", Engine.TRINO, "jdbc:trino://127.0.0.1:1/tpch/tiny", "kurobe", null));
        assertEquals(Outcome.HOST_UNREACHABLE, result.code());
        assertEquals("host unreachable: cannot connect to Trino at 127.0.0.1:1 (connection refused)", result.message());
    }

    @Test
    void aTrinoUrlWithoutACatalogIsInvalid() {
        ConnectionTestResult result = ConnectionTester.probe(
                new ConnectionSpec("t", Engine.TRINO, "jdbc:trino://127.0.0.1:8080", "kurobe", null));
        assertEquals(Outcome.INVALID_URL, result.code());
    }

    @Test
    void namesTrinoFailures() {
        assertEquals(Outcome.AUTHENTICATION_FAILED, ConnectionTester.trinoOutcome(TrinoFailure.AUTHENTICATION_FAILED));
        assertEquals(Outcome.DATABASE_MISSING, ConnectionTester.trinoOutcome(TrinoFailure.CATALOG_MISSING));
        assertEquals(Outcome.TIMEOUT, ConnectionTester.trinoOutcome(TrinoFailure.TIMEOUT));
        assertEquals(Outcome.FAILED, ConnectionTester.trinoOutcome(TrinoFailure.OTHER));
    }

    @Test
    void readsTheFileOfADuckDbOrSqliteUrl() {
        assertEquals(Path.of("/data/sales.duckdb"), ConnectionTester.databaseFile("jdbc:duckdb:/data/sales.duckdb"));
        assertEquals(Path.of("/data/sales.duckdb"), ConnectionTester.databaseFile("jdbc:duckdb:/data/sales.duckdb?threads=2"));
        assertNull(ConnectionTester.databaseFile("jdbc:duckdb:"));
        assertNull(ConnectionTester.databaseFile("jdbc:duckdb::memory:"));
        assertEquals(Path.of("/data/shop.sqlite"), ConnectionTester.databaseFile("jdbc:sqlite:/data/shop.sqlite"));
        assertNull(ConnectionTester.databaseFile("jdbc:sqlite::memory:"));
    }

    @Test
    void testsASqliteFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shop.sqlite");
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new java.util.Properties());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)");
        }
        ConnectionTestResult passed = ConnectionTester.probe(
                new ConnectionSpec("s", Engine.SQLITE, "jdbc:sqlite:" + file, null, null));
        assertTrue(passed.ok(), passed.toString());
        assertTrue(passed.serverVersion().startsWith("SQLite 3."), passed.serverVersion());

        ConnectionTestResult missing = ConnectionTester.probe(
                new ConnectionSpec("s", Engine.SQLITE, "jdbc:sqlite:" + dir.resolve("none.sqlite"), null, null));
        assertEquals(Outcome.FILE_MISSING, missing.code(), missing.toString());
    }

    private static Outcome outcome(String sqlState) {
        return ConnectionTester.classify(new QueryFailedException("failed", new SQLException("failed", sqlState)));
    }
}
