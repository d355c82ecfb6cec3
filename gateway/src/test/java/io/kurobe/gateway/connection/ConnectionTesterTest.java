package io.kurobe.gateway.connection;

import io.kurobe.data.QueryFailedException;
import io.kurobe.gateway.connection.ConnectionTestResult.Outcome;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The failures trust authentication on this machine cannot produce, named from the driver's SQLState. */
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
    void readsTheFileOfADuckDbUrl() {
        assertEquals(Path.of("/data/sales.duckdb"), ConnectionTester.duckDbFile("jdbc:duckdb:/data/sales.duckdb"));
        assertEquals(Path.of("/data/sales.duckdb"), ConnectionTester.duckDbFile("jdbc:duckdb:/data/sales.duckdb?threads=2"));
        assertNull(ConnectionTester.duckDbFile("jdbc:duckdb:"));
        assertNull(ConnectionTester.duckDbFile("jdbc:duckdb::memory:"));
    }

    private static Outcome outcome(String sqlState) {
        return ConnectionTester.classify(new QueryFailedException("failed", new SQLException("failed", sqlState)));
    }
}
