package io.kurobe.data;

/** Generated SQL the guard refused; the message says why, for the asker and for a refiner. */
public class QueryRejectedException extends QueryFailedException {
    public QueryRejectedException(String reason) {
        super("rejected by the SQL guard: " + reason);
    }
}
