package io.kurobe.data.trino;

import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A coordinator behind HTTPS and Trino's password file authenticator: who gets in, and what the others read. */
@ExtendWith(LocalTrino.class)
class TrinoAuthenticationIT {
    private static final ExecutionLimits LIMITS = new ExecutionLimits(10, Duration.ofSeconds(30));

    @Test
    void theRightPasswordOverHttpsGetsIn() {
        try (TrinoConnector trino = new TrinoConnector("s", secureUrl(), LocalTrino.USER, LocalTrino.PASSWORD)) {
            assertEquals("Trino 476", trino.serverVersion());
            assertEquals(List.of(List.of(25L)), trino.execute("SELECT count(*) FROM nation", LIMITS).rows());
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailure() {
        try (TrinoConnector trino = new TrinoConnector("s", secureUrl(), LocalTrino.USER, "battery staple")) {
            QueryFailedException e = assertThrows(QueryFailedException.class, trino::serverVersion);
            assertTrue(e.getMessage().startsWith("authentication failed for Trino at 127.0.0.1:"), e.getMessage());
            assertTrue(e.getMessage().contains("refused the connection's user and password"), e.getMessage());
            assertEquals(TrinoFailure.AUTHENTICATION_FAILED, TrinoFailure.of(e));
            assertTrue(!e.getMessage().contains("battery staple"), e.getMessage());
        }
    }

    @Test
    void noPasswordOverHttpsIsAnAuthenticationFailure() {
        try (TrinoConnector trino = new TrinoConnector("s", secureUrl(), LocalTrino.USER, null)) {
            QueryFailedException e = assertThrows(QueryFailedException.class,
                    () -> trino.execute("SELECT 1", LIMITS));
            assertEquals(TrinoFailure.AUTHENTICATION_FAILED, TrinoFailure.of(e), e.getMessage());
        }
    }

    private static String secureUrl() {
        assumeTrue(LocalTrino.secureUrl().isPresent(), "the coordinator given by kurobe.trino.url has no known"
                + " HTTPS port and password");
        return LocalTrino.secureUrl().get();
    }
}
