package io.kurobe.gateway.question;

/** Where a question stands, as stored and shown; DONE and FAILED come only with panels.ready. */
public enum QuestionStatus {
    RECEIVED, RUNNING, NEEDS_CLARIFICATION, DONE, FAILED
}
