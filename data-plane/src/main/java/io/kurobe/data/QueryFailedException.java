package io.kurobe.data;

/** A query that could not run: the message is fit to show to the asker and to a refiner. */
public class QueryFailedException extends RuntimeException {
    public QueryFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public QueryFailedException(String message) {
        super(message);
    }
}
