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
 * only ask to read data, and be about data rather than nonsense or small talk. An answerable question leaves with its entities and time range.
 * An answer to a clarification is judged joined to the question it answers, which it then stands for.
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
        String standalone = ClarificationAnswer.standalone(received).orElse(question);
        Optional<String> change = DataChangeRequest.find(question).or(() -> DataChangeRequest.find(standalone));
        if (change.isPresent()) {
            return Decision.fail("DATA_CHANGE", "Kurobe only reads data: " + change.get()
                    + ". Ask a question about the data instead.");
        }
        Optional<NotAboutData.Kind> notAboutData = NotAboutData.find(standalone);
        if (notAboutData.isPresent()) {
            return notAboutData.get() == NotAboutData.Kind.NONSENSE
                    ? Decision.fail("NOT_A_QUESTION", "This does not read as a question: ask something about your data,"
                            + " for example \"How many orders were placed in 2024?\"")
                    : Decision.fail("OUT_OF_SCOPE", "Kurobe answers questions about the data of your connections;"
                            + " this does not read as one. Ask about the data instead.");
        }
        IntentValidated validated = new IntentValidated(received.envelope().next(clock.instant()),
                received.question(), standalone, IntentClass.ANSWERABLE, Entities.of(standalone),
                YearRange.of(standalone).orElse(null), null, received.options());
        return Decision.forward(validated, "answerable");
    }
}
