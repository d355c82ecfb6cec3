package io.kurobe.stage;

import io.kurobe.model.Envelope;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;

/**
 * Tells the asker what happens while a stage still works ("intent: model X timed out, using Y", a refine round, a
 * selector's fallback): a progress event that does not end the stage, on the question's partition after its
 * STARTED: it goes out on the producer that sent that STARTED and will send the step's end.
 */
@ApplicationScoped
public class ProgressNotes {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ProgressProducer progress;

    Clock clock = Clock.systemUTC();

    public void note(Envelope envelope, Stage stage, String message) {
        progress.sendAndAwait(QuestionProgress.of(envelope.next(clock.instant()), stage, ProgressStatus.STARTED,
                message, 0), SEND_TIMEOUT);
    }
}
