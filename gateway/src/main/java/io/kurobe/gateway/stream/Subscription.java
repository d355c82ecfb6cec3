package io.kurobe.gateway.stream;

import io.kurobe.gateway.question.QuestionRecord;
import io.kurobe.model.QuestionProgress;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One socket following one question. Live events that arrive while the history is being read are
 * buffered; then history, the replica's kept events and the buffer go through the sequencer in
 * that order, and live events follow directly. When the question asks back, the socket stays open
 * for the answer until the clarification wait ends; an answered clarification retires this
 * subscription and the socket follows the new question.
 */
final class Subscription implements Consumer<StreamMessage> {
    private static final Logger LOG = Logger.getLogger(Subscription.class);

    private final WebSocketConnection connection;
    private final String questionId;
    private final Vertx vertx;
    private final StreamConfig config;
    private final StreamSequencer sequencer = new StreamSequencer();
    private final List<StreamMessage> buffered = new ArrayList<>();
    private boolean started;
    private boolean retired;
    private boolean askedBack;

    Subscription(WebSocketConnection connection, String questionId, Vertx vertx, StreamConfig config) {
        this.connection = connection;
        this.questionId = questionId;
        this.vertx = vertx;
        this.config = config;
    }

    String questionId() {
        return questionId;
    }

    /** A live event of this question. */
    @Override
    public synchronized void accept(StreamMessage message) {
        if (retired) {
            return;
        }
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

    /** Whether this question asked back on this socket. */
    synchronized boolean askedBack() {
        return askedBack;
    }

    /** The socket follows another question from now on: nothing more of this one is sent, and it never closes it. */
    synchronized void retire() {
        retired = true;
    }

    private synchronized void graceElapsed() {
        if (!retired) {
            apply(sequencer.graceElapsed());
        }
    }

    private synchronized void clarificationWaitElapsed() {
        if (!retired) {
            LOG.debugf("socket %s: question %s was not answered in %s, closing", connection.id(), questionId,
                    config.clarificationWait());
            close();
        }
    }

    private void apply(StreamSequencer.Step step) {
        for (StreamMessage message : step.send()) {
            connection.sendText(message.toJson()).subscribe().with(
                    sent -> { },
                    failure -> LOG.debugf("socket %s: sending failed: %s", connection.id(), failure.getMessage()));
        }
        if (step.holdAnswer()) {
            vertx.setTimer(Math.max(1, config.answerGrace().toMillis()), id -> graceElapsed());
        }
        if (step.awaitClarification()) {
            askedBack = true;
            vertx.setTimer(Math.max(1, config.clarificationWait().toMillis()), id -> clarificationWaitElapsed());
        }
        if (step.close()) {
            close();
        }
    }

    private void close() {
        connection.close(CloseReason.NORMAL).subscribe().with(
                closed -> { },
                failure -> LOG.debugf("socket %s: closing failed: %s", connection.id(), failure.getMessage()));
    }
}
