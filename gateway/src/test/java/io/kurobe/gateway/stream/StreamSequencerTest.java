package io.kurobe.gateway.stream;

import io.kurobe.gateway.support.Pipeline;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.Stage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamSequencerTest {
    private static final String ID = "9f0c2a4e-1b7d-4c55-a3e2-6f1d2b3c4d5e";
    private static final String TENANT = "0b6c1d2e-3f40-4a51-b627-38495a6b7c8d";

    private final StreamSequencer sequencer = new StreamSequencer();

    static StreamMessage progress(Stage stage, ProgressStatus status) {
        return StreamMessage.progress(Pipeline.progress(ID, TENANT, stage, status));
    }

    static StreamMessage answer() {
        return StreamMessage.answer(Pipeline.panels(ID, TENANT));
    }

    static List<String> types(StreamSequencer.Step step) {
        return step.send().stream().map(StreamMessage::type).toList();
    }

    @Test
    void sendsEachProgressEventOnceByStageAndStatus() {
        assertEquals(1, sequencer.offer(progress(Stage.INTENT, ProgressStatus.STARTED)).send().size());
        assertEquals(0, sequencer.offer(progress(Stage.INTENT, ProgressStatus.STARTED)).send().size());
        assertEquals(1, sequencer.offer(progress(Stage.INTENT, ProgressStatus.DONE)).send().size());
    }

    @Test
    void sendsTheAnswerAfterThePanelStageIsDoneThenCloses() {
        sequencer.offer(progress(Stage.PANEL, ProgressStatus.STARTED));
        StreamSequencer.Step done = sequencer.offer(progress(Stage.PANEL, ProgressStatus.DONE));
        assertFalse(done.close());
        StreamSequencer.Step end = sequencer.offer(answer());
        assertEquals(List.of("answer"), types(end));
        assertTrue(end.close());
        assertTrue(sequencer.finished());
        assertEquals(0, sequencer.offer(progress(Stage.PANEL, ProgressStatus.FAILED)).send().size());
    }

    @Test
    void holdsAnAnswerThatOvertookTheLastProgressEvent() {
        StreamSequencer.Step early = sequencer.offer(answer());
        assertTrue(early.send().isEmpty());
        assertTrue(early.holdAnswer());
        assertFalse(early.close());

        StreamSequencer.Step last = sequencer.offer(progress(Stage.PANEL, ProgressStatus.DONE));
        assertEquals(2, last.send().size());
        assertTrue(last.send().get(1).isAnswer());
        assertTrue(last.close());
        assertTrue(sequencer.graceElapsed().send().isEmpty());
    }

    @Test
    void sendsAHeldAnswerWhenTheGracePeriodEnds() {
        sequencer.offer(answer());
        StreamSequencer.Step grace = sequencer.graceElapsed();
        assertEquals(List.of("answer"), types(grace));
        assertTrue(grace.close());
        assertTrue(sequencer.offer(progress(Stage.PANEL, ProgressStatus.DONE)).send().isEmpty());
    }

    @Test
    void sendsTheAnswerOnce() {
        sequencer.offer(progress(Stage.INTENT, ProgressStatus.FAILED));
        assertEquals(1, sequencer.offer(answer()).send().size());
        assertTrue(sequencer.offer(answer()).send().isEmpty());
    }

    @Test
    void aClarificationRequestEndsTheQuestionsStreamAndWaitsForTheAnswerWithoutClosing() {
        StreamSequencer.Step step = sequencer.offer(progress(Stage.INTENT, ProgressStatus.NEEDS_CLARIFICATION));
        assertEquals(1, step.send().size());
        assertFalse(step.close());
        assertTrue(step.awaitClarification());
        assertTrue(sequencer.finished());
        assertTrue(sequencer.offer(answer()).send().isEmpty());
    }

    @Test
    void aGraceTimerWithoutHeldAnswerDoesNothing() {
        sequencer.offer(progress(Stage.INTENT, ProgressStatus.STARTED));
        assertTrue(sequencer.graceElapsed().send().isEmpty());
        assertFalse(sequencer.finished());
    }
}
