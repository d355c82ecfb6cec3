package io.kurobe.linking;

import io.kurobe.model.Envelope;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Stage;
import io.kurobe.stage.KeyedSender;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.Clock;
import java.time.Duration;

/**
 * Tells the asker what happens while the stage still works ("schema-filter: model X timed out, using the
 * retrieval's tables"): a progress event that does not end the stage, on the question's partition after its STARTED.
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
