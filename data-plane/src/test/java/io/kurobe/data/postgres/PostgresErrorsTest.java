package io.kurobe.data.postgres;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The messages for failures the machine's trust-authenticated PostgreSQL cannot produce on demand. */
class PostgresErrorsTest {
    private static final String TARGET = "db.example:5432/shop";

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        assertEquals("authentication failed for PostgreSQL at " + TARGET + ": password authentication failed for"
                + " user \"reader\"", PostgresErrors.connecting(server("FATAL", "28P01",
                "password authentication failed for user \"reader\""), TARGET));
    }

    @Test
    void unknownHostIsUnreachable() {
        SQLException e = new PSQLException("The connection attempt failed.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new UnknownHostException("db.example"));
        assertEquals("host unreachable: cannot connect to PostgreSQL at db.example:5432 (unknown host db.example)",
                PostgresErrors.connecting(e, TARGET));
    }

    @Test
    void droppedConnectionIsUnreachable() {
        SQLException e = new PSQLException("Connection to db.example:5432 refused.",
                PSQLState.CONNECTION_FAILURE, new ConnectException("Connection refused"));
        assertEquals("host unreachable: cannot connect to PostgreSQL at db.example:5432 (connection refused)",
                PostgresErrors.connecting(e, TARGET));
    }

    @Test
    void serverStartingUpSaysSo() {
        assertEquals("PostgreSQL at db.example:5432 is not accepting connections now: the database system is"
                + " starting up", PostgresErrors.connecting(server("FATAL", "57P03",
                "the database system is starting up"), TARGET));
    }

    @Test
    void exhaustedPoolSaysEveryConnectionIsBusy() {
        assertEquals("every pooled connection to PostgreSQL at " + TARGET + " stayed busy for 30 s;"
                + " try again when fewer queries run",
                PostgresErrors.connecting(new SQLException("Sorry, acquisition timeout!"), TARGET));
    }

    @Test
    void statementTimeoutReadsLikeTheClientTimeout() {
        assertEquals("query cancelled after 2 s timeout", PostgresErrors.executing(
                server("ERROR", "57014", "canceling statement due to statement timeout"), Duration.ofSeconds(2)));
    }

    @Test
    void serverTextKeepsDetailAndHint() {
        SQLException e = new PSQLException(new ServerErrorMessage("SERROR\0C42883\0Mfunction nope(integer) does not"
                + " exist\0P8\0HNo function matches the given name and argument types.\0"));
        assertEquals("function nope(integer) does not exist (at character 8); hint: No function matches the given"
                + " name and argument types.", PostgresErrors.executing(e, Duration.ofSeconds(30)));
    }

    private static SQLException server(String severity, String state, String message) {
        return new PSQLException(new ServerErrorMessage("S" + severity + "\0C" + state + "\0M" + message + "\0"));
    }
}
