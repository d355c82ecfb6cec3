package io.kurobe.generation;

import io.kurobe.data.ConnectorPool;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.mschema.MSchema;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.SchemaLinked;
import io.kurobe.model.Stage;
import io.kurobe.model.Topics;
import io.kurobe.stage.testing.DemoDatabaseResource;
import io.kurobe.stage.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(DemoDatabaseResource.class)
class CandidateStageTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ConnectorPool pool;

    @Test
    void countQuestionGetsAnExecutedCandidateWithStartedThenDone() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATES_GENERATED, Topics.QUESTION_PROGRESS)) {
            String id = send(probe, "How many orders were placed in 2024?");

            CandidatesGenerated generated = probe.awaitEvent(Topics.CANDIDATES_GENERATED, id, CandidatesGenerated.class);
            Candidate candidate = generated.candidates().get(0);
            assertEquals("simple", candidate.generator());
            assertTrue(candidate.outcome().ok(), candidate.outcome().error());
            String direct = pool.connector("demo").execute("SELECT count(*) FROM orders WHERE order_date >= DATE '2024-01-01'"
                    + " AND order_date < DATE '2025-01-01'", ExecutionLimits.DEFAULT).fingerprint();
            assertEquals(direct, candidate.outcome().resultFingerprint());
            probe.awaitProgress(id, Stage.CANDIDATE, ProgressStatus.DONE);
            assertEquals(List.of(ProgressStatus.STARTED, ProgressStatus.DONE),
                    probe.progress(id).stream().map(QuestionProgress::status).toList());
        }
    }

    @Test
    void unmappableQuestionFailsWithNoCandidate() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.QUESTION_PROGRESS, Topics.PANELS_READY)) {
            String id = send(probe, "Why is the sky blue?");

            QuestionProgress failed = probe.awaitProgress(id, Stage.CANDIDATE, ProgressStatus.FAILED);
            assertTrue(failed.message().contains("no table of the schema matches"), failed.message());
            assertEquals("NO_CANDIDATE", probe.awaitEvent(Topics.PANELS_READY, id, PanelsReady.class).error().code());
        }
    }

    @Test
    void garbageGoesToDeadLetterTopicAndNextEventStillCompletes() {
        String dlq = Topics.deadLetter(Topics.SCHEMA_LINKED);
        try (TopicProbe probe = new TopicProbe(bootstrap, dlq, Topics.QUESTION_PROGRESS, Topics.CANDIDATES_GENERATED)) {
            String poisoned = "q-" + UUID.randomUUID();
            probe.send(Topics.SCHEMA_LINKED, poisoned, "{\"envelope\":{\"questionId\":\"x\"},\"question\":42}");

            probe.await(dlq, poisoned, value -> true);
            probe.awaitProgress(poisoned, Stage.CANDIDATE, ProgressStatus.FAILED);

            String next = send(probe, "List the products");
            assertTrue(probe.awaitEvent(Topics.CANDIDATES_GENERATED, next, CandidatesGenerated.class)
                    .candidates().get(0).outcome().ok());
            probe.awaitProgress(next, Stage.CANDIDATE, ProgressStatus.DONE);
        }
    }

    private String send(TopicProbe probe, String question) {
        String id = "q-" + UUID.randomUUID();
        SchemaSnapshot snapshot = pool.connector("demo").introspect();
        SchemaLinked linked = new SchemaLinked(new Envelope(id, "tenant-test", null, "demo", null, null, null, 1),
                question, "duckdb", MSchema.render(snapshot), List.of(), List.of(), snapshot.fingerprint(), null);
        probe.send(Topics.SCHEMA_LINKED, id, EventJson.write(linked));
        return id;
    }
}
