package io.kurobe.gateway.stream;

/** What a client may send on a question's socket: {@code {"type":"clarification","answer":"..."}}. */
record ClientMessage(String type, String answer) {
    static final String CLARIFICATION = "clarification";
}
