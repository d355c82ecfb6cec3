package io.kurobe.selection;

import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidateSelected;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.ExecutionOutcome;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.SelectionMethod;
import io.kurobe.model.Stage;
import io.kurobe.model.Topics;
import io.kurobe.stage.testing.DemoDatabaseResource;
import io.kurobe.stage.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(DemoDatabaseResource.class)
class SelectionStageTest {
    private static final Candidate BROKEN = new Candidate("SELECT amount FROM orders", "icl", 0,
            ExecutionOutcome.failure("Binder Error: Referenced column \"amount\" not found", 4));
    private static final Candidate WORKING = new Candidate("SELECT count(*) FROM orders", "simple", 0,
            ExecutionOutcome.success(1, "fp-1", 3));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void executingCandidateIsSelectedWithStartedThenDone() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATE_SELECTED, Topics.QUESTION_PROGRESS)) {
            String id = send(probe, List.of(BROKEN, WORKING));

            CandidateSelected selected = probe.awaitEvent(Topics.CANDIDATE_SELECTED, id, CandidateSelected.class);
            assertEquals(WORKING, selected.chosen());
            assertEquals(SelectionMethod.ONLY_CANDIDATE, selected.method());
            assertEquals(0.5, selected.voteShare());
            assertEquals(List.of(BROKEN), selected.runnersUp());
            probe.awaitProgress(id, Stage.SELECTION, ProgressStatus.DONE);
            assertEquals(List.of(ProgressStatus.STARTED, ProgressStatus.DONE),
                    probe.progress(id).stream().map(QuestionProgress::status).toList());
        }
    }

    @Test
    void garbageGoesToDeadLetterTopicAndNextEventStillCompletes() {
        String dlq = Topics.deadLetter(Topics.CANDIDATES_GENERATED);
        try (TopicProbe probe = new TopicProbe(bootstrap, dlq, Topics.QUESTION_PROGRESS, Topics.CANDIDATE_SELECTED)) {
            String poisoned = "q-" + UUID.randomUUID();
            probe.sendBytes(Topics.CANDIDATES_GENERATED, poisoned, new byte[] {(byte) 0xfe, 0x01, '[', 0});

            probe.await(dlq, poisoned, value -> true);
            probe.awaitProgress(poisoned, Stage.SELECTION, ProgressStatus.FAILED);

            String next = send(probe, List.of(WORKING));
            assertEquals(WORKING, probe.awaitEvent(Topics.CANDIDATE_SELECTED, next, CandidateSelected.class).chosen());
            probe.awaitProgress(next, Stage.SELECTION, ProgressStatus.DONE);
        }
    }

    private static String send(TopicProbe probe, List<Candidate> candidates) {
        String id = "q-" + UUID.randomUUID();
        Envelope envelope = new Envelope(id, "tenant-test", null, "demo", null, null, null, 1);
        CandidatesGenerated generated = new CandidatesGenerated(envelope, "How many orders?", "duckdb",
                "【DB_ID】 demo", "schema-fp", candidates, null);
        probe.send(Topics.CANDIDATES_GENERATED, id, EventJson.write(generated));
        return id;
    }
}
