package io.kurobe.gateway.problem;

/** An RFC 7807 problem document, with Kurobe's stable {@code code} beside the standard fields. */
public record Problem(String type, String title, int status, String detail, String code, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ErrorCode code, String detail, String instance) {
        return new Problem(code.type(), code.title(), code.status(), detail, code.name(), instance);
    }
}
