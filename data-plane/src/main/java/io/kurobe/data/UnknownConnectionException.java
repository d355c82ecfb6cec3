package io.kurobe.data;

import java.util.Collection;

/** A question named a connection id that is not configured. */
public class UnknownConnectionException extends RuntimeException {
    private final String connectionId;

    public UnknownConnectionException(String connectionId, Collection<String> configured) {
        super("unknown connection '" + connectionId + "'; configured: "
                + (configured.isEmpty() ? "none" : String.join(", ", configured)));
        this.connectionId = connectionId;
    }

    public String connectionId() {
        return connectionId;
    }
}
