package io.kurobe.data.trino;

import com.sun.net.httpserver.HttpServer;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.jdbc.JdbcExecution;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Trino connector without a Trino server: URL and credential handling, and the errors before a query runs. */
class TrinoConnectorTest {
    private static final ExecutionLimits LIMITS = new ExecutionLimits(10, Duration.ofSeconds(5));

    @Test
    void theConnectionsUserAndPasswordWinOverTheUrls() {
        Properties p = TrinoConnector.properties(
                TrinoUrl.parse("jdbc:trino://h:8443/c?SSL=true&user=urluser&password=urlpass"), "reader", "secret");
        assertEquals("reader", p.getProperty("user"));
        assertEquals("secret", p.getProperty("password"));
        assertEquals("true", p.getProperty("SSL"));
        assertEquals("kurobe", p.getProperty("source"));
    }

    @Test
    void trinoNeedsAUserSoOneIsAlwaysSent() {
        Properties p = TrinoConnector.properties(TrinoUrl.parse("jdbc:trino://h:8080/c"), null, null);
        assertEquals("kurobe", p.getProperty("user"));
        assertFalse(p.containsKey("password"));
        assertEquals("urluser", TrinoConnector.properties(TrinoUrl.parse("jdbc:trino://h:8080/c?user=urluser"),
                " ", null).getProperty("user"));
    }

    @Test
    void aClosedPortIsReportedAsAnUnreachableHost() throws IOException {
        int port = freePort();
        try (TrinoConnector trino = new TrinoConnector("t", "jdbc:trino://127.0.0.1:" + port + "/tpch/tiny", null, null)) {
            QueryFailedException e = assertThrows(QueryFailedException.class, () -> trino.execute("SELECT 1", LIMITS));
            assertEquals("host unreachable: cannot connect to Trino at 127.0.0.1:" + port + " (connection refused)",
                    e.getMessage());
            assertEquals(TrinoFailure.HOST_UNREACHABLE, TrinoFailure.of(e));
            assertEquals(TrinoFailure.HOST_UNREACHABLE,
                    TrinoFailure.of(assertThrows(QueryFailedException.class, trino::serverVersion)));
        }
    }

    @Test
    void anUnknownHostIsReportedAsUnreachable() {
        try (TrinoConnector trino = new TrinoConnector("t", "jdbc:trino://no-such-host.invalid:8080/tpch", null, null)) {
            QueryFailedException e = assertThrows(QueryFailedException.class, trino::introspect);
            assertTrue(e.getMessage().startsWith("introspection of t failed: host unreachable: cannot connect to Trino"
                    + " at no-such-host.invalid:8080 (unknown host no-such-host.invalid"), e.getMessage());
            assertEquals(TrinoFailure.HOST_UNREACHABLE, TrinoFailure.of(e));
        }
    }

    @Test
    void aPasswordOverPlainHttpIsRefusedBeforeItIsSent() {
        try (TrinoConnector trino = new TrinoConnector("t", "jdbc:trino://127.0.0.1:1/tpch", "u", "hunter2")) {
            QueryFailedException e = assertThrows(QueryFailedException.class, () -> trino.execute("SELECT 1", LIMITS));
            assertEquals("Trino accepts a password only over HTTPS: add SSL=true to the JDBC URL of 127.0.0.1:1/tpch"
                    + " (the coordinator must serve HTTPS), or leave the password empty", e.getMessage());
        }
    }

    @Test
    void anUnknownDriverParameterIsNamed() {
        try (TrinoConnector trino = new TrinoConnector("t", "jdbc:trino://127.0.0.1:1/tpch?colour=blue", "u", null)) {
            QueryFailedException e = assertThrows(QueryFailedException.class, () -> trino.execute("SELECT 1", LIMITS));
            assertEquals("Unrecognized connection property 'colour' in the Trino JDBC URL of 127.0.0.1:1/tpch",
                    e.getMessage());
        }
    }

    /** A coordinator with authentication on answers every statement of an unauthenticated client with 401. */
    @Test
    void aCoordinatorRefusingTheCredentialsIsAnAuthenticationFailure() throws IOException {
        List<String> requests = new ArrayList<>();
        HttpServer coordinator = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        coordinator.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("X-Trino-User") + " "
                        + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Trino\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        coordinator.start();
        String url = "jdbc:trino://127.0.0.1:" + coordinator.getAddress().getPort() + "/tpch/tiny";
        try (TrinoConnector trino = new TrinoConnector("t", url, "analyst", null)) {
            QueryFailedException e = assertThrows(QueryFailedException.class, () -> trino.execute("SELECT 1", LIMITS));
            assertEquals("authentication failed for Trino at 127.0.0.1:" + coordinator.getAddress().getPort()
                    + ": the coordinator refused the connection's user and password", e.getMessage());
            assertEquals(TrinoFailure.AUTHENTICATION_FAILED, TrinoFailure.of(e));
            assertTrue(requests.get(0).startsWith("POST /v1/statement analyst START TRANSACTION"), requests.toString());
            assertTrue(requests.get(0).contains("READ ONLY"), requests.toString());
        } finally {
            coordinator.stop(0);
        }
    }

    @Test
    void timeoutsAreRecognisedByTheSharedTimeoutText() {
        assertTrue(JdbcExecution.timeoutMessage(Duration.ofSeconds(3)).startsWith(TrinoErrors.TIMEOUT_PREFIX));
        assertEquals(TrinoFailure.TIMEOUT, TrinoFailure.of(
                new QueryFailedException(JdbcExecution.timeoutMessage(Duration.ofSeconds(3)))));
        assertEquals(TrinoFailure.INVALID_URL, TrinoFailure.of(assertThrows(IllegalArgumentException.class,
                () -> new TrinoConnector("t", "jdbc:trino://h:8080", null, null))));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
