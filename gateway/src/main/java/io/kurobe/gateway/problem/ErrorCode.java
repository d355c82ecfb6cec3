package io.kurobe.gateway.problem;

import java.util.Locale;

/** The stable codes of Kurobe's problem responses: clients branch on these, never on the text. */
public enum ErrorCode {
    UNAUTHORIZED(401, "Missing or invalid API key"),
    INVALID_REQUEST(400, "Invalid request"),
    QUESTION_EMPTY(400, "The question is empty"),
    QUESTION_TOO_LONG(400, "The question is too long"),
    ANSWER_EMPTY(400, "The answer is empty"),
    CONNECTION_INVALID(400, "Invalid connection"),
    UNKNOWN_ENGINE(400, "Unknown engine"),
    SQL_REFUSED(400, "The SQL guard refused the SQL"),
    UNKNOWN_CONNECTION(404, "Unknown connection"),
    CONNECTION_NOT_FOUND(404, "Connection not found"),
    QUESTION_NOT_FOUND(404, "Question not found"),
    EXAMPLE_NOT_FOUND(404, "Example not found"),
    CONNECTION_NAME_TAKEN(409, "Connection name taken"),
    NOT_AWAITING_CLARIFICATION(409, "The question is not waiting for a clarification"),
    QUESTION_NOT_ANSWERED(409, "The question has no answer to judge"),
    CONVERSATION_NOT_FOUND(404, "Conversation not found"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    BODY_TOO_LARGE(413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    DATABASE_UNREACHABLE(502, "The connection's database could not be read"),
    BROKER_UNAVAILABLE(503, "The message broker did not accept the record"),
    INTERNAL(500, "Internal error");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem type, a URN that names the code: {@code urn:kurobe:problem:question-too-long}. */
    public String type() {
        return "urn:kurobe:problem:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The code for an HTTP error status the framework raised itself. */
    public static ErrorCode forStatus(int status) {
        switch (status) {
            case 401:
                return UNAUTHORIZED;
            case 404:
                return NOT_FOUND;
            case 405:
                return METHOD_NOT_ALLOWED;
            case 406:
                return NOT_ACCEPTABLE;
            case 413:
                return BODY_TOO_LARGE;
            case 415:
                return UNSUPPORTED_MEDIA_TYPE;
            default:
                return status >= 400 && status < 500 ? INVALID_REQUEST : INTERNAL;
        }
    }
}
