package io.kurobe.data.trino;

import io.kurobe.data.QueryFailedException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/** Why a call to Trino failed, as a connection test reports it. */
public enum TrinoFailure {
    AUTHENTICATION_FAILED, HOST_UNREACHABLE, CATALOG_MISSING, TIMEOUT, INVALID_URL, OTHER;

    /** Trino's standard error codes (io.trino.spi.StandardErrorCode) that Kurobe tells apart. */
    static final int USER_CANCELED = 3;
    static final int PERMISSION_DENIED = 4;
    static final int CATALOG_NOT_FOUND = 44;
    static final int SCHEMA_NOT_FOUND = 45;
    static final int TABLE_NOT_FOUND = 46;
    static final int EXCEEDED_TIME_LIMIT = 131_075;

    /** The kind of failure behind a connector's exception. */
    public static TrinoFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CatalogMissingException) {
                return CATALOG_MISSING;
            }
            if (t instanceof QueryFailedException && t.getMessage() != null
                    && t.getMessage().startsWith(TrinoErrors.TIMEOUT_PREFIX)) {
                return TIMEOUT;
            }
            if (t instanceof UnknownHostException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException) {
                return HOST_UNREACHABLE;
            }
            if (t instanceof SocketTimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof IllegalArgumentException) {
                return INVALID_URL;
            }
            if (t instanceof SQLException) {
                TrinoFailure kind = ofSql((SQLException) t);
                if (kind != OTHER) {
                    return kind;
                }
            }
        }
        return OTHER;
    }

    private static TrinoFailure ofSql(SQLException e) {
        switch (e.getErrorCode()) {
            case CATALOG_NOT_FOUND:
            case SCHEMA_NOT_FOUND:
                return CATALOG_MISSING;
            case EXCEEDED_TIME_LIMIT:
                return TIMEOUT;
            default:
                break;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (TrinoErrors.isAuthentication(message)) {
            return AUTHENTICATION_FAILED;
        }
        return OTHER;
    }
}
