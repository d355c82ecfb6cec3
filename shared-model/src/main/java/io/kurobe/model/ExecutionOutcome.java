package io.kurobe.model;

/** How a candidate fared when executed: an error, or a row count and a result fingerprint. */
public record ExecutionOutcome(boolean ok, String error, long rowCount, String resultFingerprint, long elapsedMs) {

    public static ExecutionOutcome success(long rowCount, String resultFingerprint, long elapsedMs) {
        return new ExecutionOutcome(true, null, rowCount, resultFingerprint, elapsedMs);
    }

    public static ExecutionOutcome failure(String error, long elapsedMs) {
        return new ExecutionOutcome(false, error, 0, null, elapsedMs);
    }
}
