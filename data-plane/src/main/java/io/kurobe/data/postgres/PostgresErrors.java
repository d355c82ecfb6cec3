package io.kurobe.data.postgres;

import io.kurobe.data.jdbc.JdbcExecution;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/** Turns PostgreSQL's errors into messages an asker, an operator and a refiner can act on, by SQLState. */
final class PostgresErrors {
    private static final int MAX_MESSAGE_CHARS = 1000;

    private PostgresErrors() {
    }

    /** Why no connection to {@code target} (host:port/database) could be had. */
    static String connecting(SQLException e, String target) {
        if (e.getSQLState() == null && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
            return "every pooled connection to PostgreSQL at " + target + " stayed busy for "
                    + PostgresPool.ACQUISITION_TIMEOUT.toSeconds() + " s; try again when fewer queries run";
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        switch (state) {
            case "28P01":
            case "28000":
                return "authentication failed for PostgreSQL at " + target + ": " + serverText(e);
            case "3D000":
                return serverText(e) + " on PostgreSQL at " + hostPart(target);
            case "08001":
            case "08006":
                return "host unreachable: cannot connect to PostgreSQL at " + hostPart(target) + " ("
                        + networkReason(e) + ")";
            case "08004":
                return "PostgreSQL at " + target + " rejected the connection: " + serverText(e);
            case "57P01":
            case "57P02":
            case "57P03":
                return "PostgreSQL at " + hostPart(target) + " is not accepting connections now: " + serverText(e);
            case "53300":
                return "PostgreSQL at " + hostPart(target) + " has no free connection slot: " + serverText(e);
            default:
                return "cannot get a connection to PostgreSQL at " + target + ": " + serverText(e);
        }
    }

    /** Why a query failed; a cancel by the server's statement_timeout reads like the client's own timeout. */
    static String executing(SQLException e, Duration timeout) {
        if ("57014".equals(e.getSQLState())) {
            return JdbcExecution.timeoutMessage(timeout);
        }
        return serverText(e);
    }

    /** The server's message with its hint and position, without the driver's "ERROR:" framing. */
    static String serverText(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException ? ((PSQLException) e).getServerErrorMessage() : null;
        if (server == null || server.getMessage() == null) {
            return cut(e.getMessage() == null ? "PostgreSQL reported an error without a message" : e.getMessage());
        }
        StringBuilder out = new StringBuilder(server.getMessage());
        if (server.getPosition() > 0) {
            out.append(" (at character ").append(server.getPosition()).append(')');
        }
        if (server.getDetail() != null) {
            out.append("; ").append(server.getDetail());
        }
        if (server.getHint() != null) {
            out.append("; hint: ").append(server.getHint());
        }
        return cut(out.toString());
    }

    private static String networkReason(SQLException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SocketTimeoutException) {
                return "connect timed out";
            }
        }
        return serverText(e);
    }

    private static String hostPart(String target) {
        int slash = target.indexOf('/');
        return slash < 0 ? target : target.substring(0, slash);
    }

    private static String cut(String text) {
        String stripped = text.strip();
        return stripped.length() > MAX_MESSAGE_CHARS ? stripped.substring(0, MAX_MESSAGE_CHARS) + "…" : stripped;
    }
}
