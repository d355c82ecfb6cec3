package io.kurobe.stage;

import io.kurobe.model.Clarification;
import io.kurobe.model.Event;
import io.kurobe.model.Failure;
import io.kurobe.model.ModelUsage;

/**
 * What a stage decided for one question: pass an event on, stop with a failure the asker sees,
 * or stop to ask the asker a question. Deciding classes return this and know nothing of Kafka.
 * {@code usage}, when a model was called, travels on the progress event that reports the decision.
 */
public sealed interface Decision<E extends Event> {

    ModelUsage usage();

    /** The same decision, reporting what the stage's model calls cost. */
    Decision<E> withUsage(ModelUsage usage);

    record Forward<E extends Event>(E event, String message, ModelUsage usage) implements Decision<E> {
        public Forward(E event, String message) {
            this(event, message, null);
        }

        @Override
        public Decision<E> withUsage(ModelUsage usage) {
            return new Forward<>(event, message, usage);
        }
    }

    record Fail<E extends Event>(Failure failure, ModelUsage usage) implements Decision<E> {
        public Fail(Failure failure) {
            this(failure, null);
        }

        @Override
        public Decision<E> withUsage(ModelUsage usage) {
            return new Fail<>(failure, usage);
        }
    }

    record Clarify<E extends Event>(Clarification clarification, ModelUsage usage) implements Decision<E> {
        public Clarify(Clarification clarification) {
            this(clarification, null);
        }

        @Override
        public Decision<E> withUsage(ModelUsage usage) {
            return new Clarify<>(clarification, usage);
        }
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
