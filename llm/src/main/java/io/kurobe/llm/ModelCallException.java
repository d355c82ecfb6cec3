package io.kurobe.llm;

import java.time.Duration;
import java.util.Optional;

/** One failed attempt at a model, classified; thrown by {@link VendorHttpClient} and by classification. */
public final class ModelCallException extends RuntimeException {
    private final Fault fault;
    private final int status;
    private final Duration retryAfter;

    public ModelCallException(Fault fault, int status, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.fault = fault;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public ModelCallException(Fault fault, String message, Throwable cause) {
        this(fault, 0, null, message, cause);
    }

    public Fault fault() {
        return fault;
    }

    /** The HTTP status, or 0 when the failure came before or without one. */
    public int status() {
        return status;
    }

    /** The wait the vendor asked for in Retry-After, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Finds our classification in a cause chain (LangChain4j may wrap it), or classifies the failure. */
    public static ModelCallException classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ModelCallException call) {
                return call;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return new ModelCallException(Fault.MALFORMED_RESPONSE, "unreadable answer: " + t.getMessage(), failure);
            }
        }
        return new ModelCallException(Fault.MALFORMED_RESPONSE, "unexpected answer: " + failure, failure);
    }
}
