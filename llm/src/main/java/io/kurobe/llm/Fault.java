package io.kurobe.llm;

/** Why one attempt at a model failed, and whether trying the same model again can help. */
public enum Fault {
    RATE_LIMITED("was rate-limited", true),
    SERVER_ERROR("answered with a server error", true),
    TIMED_OUT("timed out", true),
    CONNECTION_CUT("cut the connection", true),
    UNREACHABLE("could not be reached", true),
    REJECTED("refused the request", false),
    MALFORMED_RESPONSE("answered with something that is not its API's JSON", false),
    CIRCUIT_OPEN("is paused after repeated failures", false),
    NO_TIME_LEFT("had no time left before the question's deadline", false);

    private final String describes;
    private final boolean retryable;

    Fault(String describes, boolean retryable) {
        this.describes = describes;
        this.retryable = retryable;
    }

    /** Reads after "model X": "model gpt-4o timed out". */
    public String describes() {
        return describes;
    }

    public boolean retryable() {
        return retryable;
    }

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
