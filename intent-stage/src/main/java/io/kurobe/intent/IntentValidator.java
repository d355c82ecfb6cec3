package io.kurobe.intent;

import io.kurobe.model.IntentClass;
import io.kurobe.model.IntentValidated;
import io.kurobe.model.QuestionReceived;
import io.kurobe.stage.Decision;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;

/**
 * Decides whether a question can go on to be answered: it must say something, not be oversized,
 * and only ask to read data. An answerable question leaves with its entities and time range.
 */
@Singleton
public class IntentValidator {
    private final int maxLength;
    private final Clock clock;

    @Inject
    public IntentValidator(IntentConfig config) {
        this(config.maxLength(), Clock.systemUTC());
    }

    public IntentValidator(int maxLength, Clock clock) {
        this.maxLength = maxLength;
        this.clock = clock;
    }

    public Decision<IntentValidated> validate(QuestionReceived received) {
        String question = received.question().strip();
        if (question.isEmpty()) {
            return Decision.fail("EMPTY_QUESTION", "The question is empty: ask something about your data.");
        }
        if (question.length() > maxLength) {
            return Decision.fail("QUESTION_TOO_LONG", "The question has " + question.length()
                    + " characters; Kurobe accepts at most " + maxLength + ".");
        }
        Optional<String> change = DataChangeRequest.find(question);
        if (change.isPresent()) {
            return Decision.fail("DATA_CHANGE", "Kurobe only reads data: " + change.get()
                    + ". Ask a question about the data instead.");
        }
        IntentValidated validated = new IntentValidated(received.envelope().next(clock.instant()),
                received.question(), question, IntentClass.ANSWERABLE, Entities.of(question),
                YearRange.of(question).orElse(null), null, received.options());
        return Decision.forward(validated, "answerable");
    }
}
