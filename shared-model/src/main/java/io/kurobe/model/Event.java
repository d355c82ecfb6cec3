package io.kurobe.model;

/** An event on one of Kurobe's topics: an envelope and its stage's payload. */
public interface Event {
    Envelope envelope();

    default String questionId() {
        return envelope().questionId();
    }
}
