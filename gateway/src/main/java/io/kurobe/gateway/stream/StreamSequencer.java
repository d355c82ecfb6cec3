package io.kurobe.gateway.stream;

import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Stage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides what one socket sends, whatever order and however often events reach it from the
 * store's history, the replica's recent events and the live stream: each progress event once
 * (by stage and status), the answer last and once, then the end. The answer waits for the
 * progress event that ends the pipeline (PANEL DONE or any FAILED) or for the grace period,
 * because it travels on another topic and may overtake it. A clarification request ends the question's stream
 * without closing: the socket then waits for the asker's answer.
 */
final class StreamSequencer {
    private final Set<String> sent = new HashSet<>();
    private boolean pipelineEnded;
    private StreamMessage heldAnswer;
    private boolean finished;

    /**
     * What to send now, whether to close afterwards, whether an answer now waits for its grace period, and whether
     * the question now waits for the asker to answer its clarification.
     */
    record Step(List<StreamMessage> send, boolean close, boolean holdAnswer, boolean awaitClarification) {
        static final Step NOTHING = new Step(List.of(), false, false, false);

        Step(List<StreamMessage> send, boolean close, boolean holdAnswer) {
            this(send, close, holdAnswer, false);
        }
    }

    Step offer(StreamMessage message) {
        if (finished) {
            return Step.NOTHING;
        }
        return message.isAnswer() ? answer(message) : progress(message);
    }

    /** The grace period of a held answer is over: send it and end. */
    Step graceElapsed() {
        if (finished || heldAnswer == null) {
            return Step.NOTHING;
        }
        finished = true;
        return new Step(List.of(heldAnswer), true, false);
    }

    boolean finished() {
        return finished;
    }

    private Step progress(StreamMessage message) {
        QuestionProgress event = (QuestionProgress) message.event();
        if (!sent.add(event.stage() + ":" + event.status())) {
            return Step.NOTHING;
        }
        List<StreamMessage> send = new ArrayList<>(List.of(message));
        if (event.status() == ProgressStatus.NEEDS_CLARIFICATION) {
            finished = true;
            return new Step(send, false, false, true);
        }
        if (event.status() == ProgressStatus.FAILED
                || (event.stage() == Stage.PANEL && event.status() == ProgressStatus.DONE)) {
            pipelineEnded = true;
            if (heldAnswer != null) {
                send.add(heldAnswer);
                finished = true;
                return new Step(send, true, false);
            }
        }
        return new Step(send, false, false);
    }

    private Step answer(StreamMessage message) {
        if (heldAnswer != null) {
            return Step.NOTHING;
        }
        if (pipelineEnded) {
            finished = true;
            return new Step(List.of(message), true, false);
        }
        heldAnswer = message;
        return new Step(List.of(), false, true);
    }
}
