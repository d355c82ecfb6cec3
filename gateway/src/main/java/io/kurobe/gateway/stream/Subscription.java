package io.kurobe.gateway.stream;

import io.kurobe.gateway.question.QuestionRecord;
import io.kurobe.model.QuestionProgress;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One socket following one question. Live events that arrive while the history is being read are
 * buffered; then history, the replica's kept events and the buffer go through the sequencer in
 * that order, and live events follow directly.
 */
final class Subscription implements Consumer<StreamMessage> {
    private static final Logger LOG = Logger.getLogger(Subscription.class);

    private final WebSocketConnection connection;
    private final Vertx vertx;
    private final Duration answerGrace;
    private final StreamSequencer sequencer = new StreamSequencer();
    private final List<StreamMessage> buffered = new ArrayList<>();
    private boolean started;

    Subscription(WebSocketConnection connection, Vertx vertx, Duration answerGrace) {
        this.connection = connection;
        this.vertx = vertx;
        this.answerGrace = answerGrace;
    }

    /** A live event of this question. */
    @Override
    public synchronized void accept(StreamMessage message) {
        if (started) {
            apply(sequencer.offer(message));
        } else {
            buffered.add(message);
        }
    }

    /** The stored history has been read: send it, then what this replica kept and buffered. */
    synchronized void start(QuestionRecord history, List<StreamMessage> kept) {
        List<StreamMessage> backlog = new ArrayList<>();
        for (QuestionProgress event : history.events()) {
            backlog.add(StreamMessage.progress(event));
        }
        history.answer().ifPresent(answer -> backlog.add(StreamMessage.answer(answer)));
        backlog.addAll(kept);
        backlog.addAll(buffered);
        buffered.clear();
        started = true;
        for (StreamMessage message : backlog) {
            apply(sequencer.offer(message));
        }
    }

    private synchronized void graceElapsed() {
        apply(sequencer.graceElapsed());
    }

    private void apply(StreamSequencer.Step step) {
        for (StreamMessage message : step.send()) {
            connection.sendText(message.toJson()).subscribe().with(
                    sent -> { },
                    failure -> LOG.debugf("socket %s: sending failed: %s", connection.id(), failure.getMessage()));
        }
        if (step.holdAnswer()) {
            vertx.setTimer(Math.max(1, answerGrace.toMillis()), id -> graceElapsed());
        }
        if (step.close()) {
            connection.close(CloseReason.NORMAL).subscribe().with(
                    closed -> { },
                    failure -> LOG.debugf("socket %s: closing failed: %s", connection.id(), failure.getMessage()));
        }
    }
}
