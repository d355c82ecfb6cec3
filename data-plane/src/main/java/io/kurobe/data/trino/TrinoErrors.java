package io.kurobe.data.trino;

import io.kurobe.data.jdbc.JdbcExecution;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what the Trino driver throws into messages an asker, an operator and a refiner can act on: by Trino's
 * error code where the server answered, by the network cause where it did not.
 */
final class TrinoErrors {
    /** How every timeout message starts, whichever side cancelled. */
    static final String TIMEOUT_PREFIX = "query cancelled after";
    private static final int MAX_MESSAGE_CHARS = 1000;
    /** The driver's framing around the server's text: "Query failed (#20261126_003804_00032_miz26): ". */
    private static final Pattern QUERY_FAILED = Pattern.compile("^Query failed \\(#[^)]*\\):\\s*");
    /** "line 1:22: ", where the analyzer found the name: meaningless for a name that came from the URL. */
    private static final Pattern POSITION = Pattern.compile("^line \\d+:\\d+:\\s*");
    /** The client's own words for an HTTP 401, before any reason the coordinator gave. */
    private static final Pattern AUTHENTICATION_FAILED = Pattern.compile("^Authentication failed:?\\s*");
    private static final String CLIENT_FRAMING = "Error executing query: ";

    private TrinoErrors() {
    }

    /** Why a call failed, with the server's own words where it gave any; never the URL's parameters. */
    static String message(SQLException e, TrinoUrl url, Duration timeout) {
        switch (e.getErrorCode()) {
            case TrinoFailure.EXCEEDED_TIME_LIMIT:
                return JdbcExecution.timeoutMessage(timeout);
            case TrinoFailure.CATALOG_NOT_FOUND:
                return withoutPosition(serverText(e)) + " on Trino at " + url.hostPort() + "; check the catalog in the JDBC URL ("
                        + TrinoUrl.SHAPE + ") against SHOW CATALOGS";
            case TrinoFailure.SCHEMA_NOT_FOUND:
                return withoutPosition(serverText(e)) + " on Trino at " + url.hostPort() + "; check the schema in the JDBC URL ("
                        + TrinoUrl.SHAPE + ") against SHOW SCHEMAS FROM " + url.catalog();
            default:
                break;
        }
        String network = networkReason(e);
        if (network != null) {
            return "host unreachable: cannot connect to Trino at " + url.hostPort() + " (" + network + ")";
        }
        if (hasCause(e, SocketTimeoutException.class)) {
            return "no answer from Trino at " + url.hostPort() + " in time: " + serverText(e);
        }
        String text = serverText(e);
        String lower = text.toLowerCase(Locale.ROOT);
        if (isAuthentication(lower)) {
            String detail = AUTHENTICATION_FAILED.matcher(text).replaceFirst("").strip();
            return "authentication failed for Trino at " + url.hostPort() + ": the coordinator refused the"
                    + " connection's user and password" + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
        if (lower.contains("tls/ssl is required")) {
            return "Trino accepts a password only over HTTPS: add SSL=true to the JDBC URL of " + url.target()
                    + " (the coordinator must serve HTTPS), or leave the password empty";
        }
        if (lower.contains("unrecognized connection property")) {
            return text + " in the Trino JDBC URL of " + url.target();
        }
        if (lower.contains("ssl") && lower.contains("unrecognized ssl message")) {
            return "Trino at " + url.hostPort() + " does not speak HTTPS there; remove SSL=true from the JDBC URL"
                    + " or use the coordinator's HTTPS port";
        }
        return text;
    }

    static boolean isAuthentication(String lowerCaseMessage) {
        return lowerCaseMessage.contains("authentication failed") || lowerCaseMessage.contains("unauthorized")
                || lowerCaseMessage.contains("invalid credentials");
    }

    /** The server's message without the driver's framing and query id, cut to a readable length. */
    static String serverText(SQLException e) {
        String text = e.getMessage() == null ? "Trino reported an error without a message" : e.getMessage();
        text = QUERY_FAILED.matcher(text).replaceFirst("");
        if (text.startsWith(CLIENT_FRAMING)) {
            text = text.substring(CLIENT_FRAMING.length());
        }
        String stripped = text.strip();
        return stripped.length() > MAX_MESSAGE_CHARS ? stripped.substring(0, MAX_MESSAGE_CHARS) + "…" : stripped;
    }

    private static String withoutPosition(String text) {
        return POSITION.matcher(text).replaceFirst("");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String networkReason(SQLException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
        }
        return null;
    }
}
