package io.kurobe.gateway.problem;

/** A failure the caller must see, as a problem response with a stable code. */
public class ProblemException extends RuntimeException {
    private final ErrorCode code;

    public ProblemException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
