package io.kurobe.stage;

import io.kurobe.model.Clarification;
import io.kurobe.model.Event;
import io.kurobe.model.Failure;

/**
 * What a stage decided for one question: pass an event on, stop with a failure the asker sees,
 * or stop to ask the asker a question. Deciding classes return this and know nothing of Kafka.
 */
public sealed interface Decision<E extends Event> {

    record Forward<E extends Event>(E event, String message) implements Decision<E> {
    }

    record Fail<E extends Event>(Failure failure) implements Decision<E> {
    }

    record Clarify<E extends Event>(Clarification clarification) implements Decision<E> {
    }

    static <E extends Event> Decision<E> forward(E event, String message) {
        return new Forward<>(event, message);
    }

    static <E extends Event> Decision<E> fail(String code, String message) {
        return new Fail<>(new Failure(code, message));
    }

    static <E extends Event> Decision<E> clarify(Clarification clarification) {
        return new Clarify<>(clarification);
    }
}
