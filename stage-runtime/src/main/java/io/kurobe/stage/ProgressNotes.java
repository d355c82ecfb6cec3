package io.kurobe.stage;

import io.kurobe.model.Envelope;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Stage;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.Clock;
import java.time.Duration;

/**
 * Tells the asker what happens while a stage still works ("intent: model X timed out, using Y", a refine round, a
 * selector's fallback): a progress event that does not end the stage, on the question's partition after its
 * STARTED. Each stage's service has the {@code question-progress} channel this sends on.
 */
@ApplicationScoped
public class ProgressNotes {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    @Channel("question-progress")
    MutinyEmitter<String> progress;

    Clock clock = Clock.systemUTC();

    public void note(Envelope envelope, Stage stage, String message) {
        KeyedSender.send(progress, QuestionProgress.of(envelope.next(clock.instant()), stage, ProgressStatus.STARTED,
                message, 0)).await().atMost(SEND_TIMEOUT);
    }
}
