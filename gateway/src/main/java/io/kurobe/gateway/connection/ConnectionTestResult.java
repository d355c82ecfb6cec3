package io.kurobe.gateway.connection;

/**
 * POST /api/connections/{id}/test: {@code ok} with the time to connect and run one query and the server's
 * version, or {@code ok=false} with a code and a message a person can act on.
 */
public record ConnectionTestResult(boolean ok, String engine, Long latencyMs, String serverVersion, Outcome code,
                                   String message) {

    /** Why a test failed. */
    public enum Outcome {
        AUTHENTICATION_FAILED, HOST_UNREACHABLE, DATABASE_MISSING, FILE_MISSING, TIMEOUT, ENGINE_NOT_SUPPORTED,
        INVALID_URL, FAILED
    }

    static ConnectionTestResult passed(String engine, long latencyMs, String serverVersion) {
        return new ConnectionTestResult(true, engine, latencyMs, serverVersion, null, null);
    }

    static ConnectionTestResult failed(String engine, Outcome code, String message) {
        return new ConnectionTestResult(false, engine, null, null, code, message);
    }
}
