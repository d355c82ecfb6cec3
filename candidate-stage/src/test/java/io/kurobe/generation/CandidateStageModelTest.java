package io.kurobe.generation;

import io.kurobe.data.ConnectorPool;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.mschema.MSchema;
import io.kurobe.llm.testing.FakeVendorServer;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.SchemaLinked;
import io.kurobe.model.Stage;
import io.kurobe.model.Topics;
import io.kurobe.stage.testing.DemoDatabaseResource;
import io.kurobe.stage.testing.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The candidate stage with a XiYan model generator served by a local fake of OpenAI's API, beside the offline generator. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(DemoDatabaseResource.class)
@WithTestResource(FakeGeneratorModelResource.class)
class CandidateStageModelTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ConnectorPool pool;

    @Inject
    MeterRegistry registry;

    @FakeGeneratorModelResource.FakeModel
    FakeVendorServer model;

    @Test
    @Order(1)
    void theModelsSqlIsExecutedBesideTheOfflineCandidate() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATES_GENERATED, Topics.QUESTION_PROGRESS)) {
            String id = send(probe, "How many orders were placed in 2024?");

            CandidatesGenerated generated = probe.awaitEvent(Topics.CANDIDATES_GENERATED, id, CandidatesGenerated.class);
            Candidate xiyan = byGenerator(generated, "xiyan");
            assertEquals(FakeGeneratorModelResource.COUNT_2024, xiyan.sql());
            assertEquals(0, xiyan.refineRounds());
            assertTrue(xiyan.outcome().ok(), xiyan.outcome().error());
            String direct = pool.connector("demo").execute(FakeGeneratorModelResource.COUNT_2024, ExecutionLimits.DEFAULT)
                    .fingerprint();
            assertEquals(direct, xiyan.outcome().resultFingerprint());
            assertTrue(byGenerator(generated, "simple").outcome().ok());
            QuestionProgress done = probe.awaitProgress(id, Stage.CANDIDATE, ProgressStatus.DONE);
            assertTrue(done.message().contains("xiyan by model fake-xiyan, 1 call, 250 tokens in, 30 out"), done.message());
            assertEquals(1, done.usage().calls(), "usage travels on the DONE event: " + done.usage());
            assertEquals(250, done.usage().byRole().get("generator.xiyan").tokensIn());
            assertEquals(30, done.usage().tokensOut());
            String prompt = FakeVendorServer.userText(model.requests().get(model.requests().size() - 1));
            assertTrue(prompt.startsWith("你是一名DuckDB专家"), prompt);
            assertTrue(prompt.contains("【DB_ID】"), prompt);
        }
    }

    @Test
    @Order(2)
    void sqlThatFailsGoesBackToTheModelAndTheSecondRoundIsKept() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATES_GENERATED, Topics.QUESTION_PROGRESS)) {
            String id = send(probe, "List the names of the customers");

            Candidate xiyan = byGenerator(probe.awaitEvent(Topics.CANDIDATES_GENERATED, id, CandidatesGenerated.class), "xiyan");
            assertEquals(FakeGeneratorModelResource.FIXED, xiyan.sql());
            assertEquals(1, xiyan.refineRounds());
            assertEquals(FakeGeneratorModelResource.WRONG_TABLE, xiyan.refinements().get(0).sql());
            assertTrue(xiyan.outcome().ok(), xiyan.outcome().error());
            assertTrue(xiyan.outcome().rowCount() > 0);
            probe.awaitProgress(id, Stage.CANDIDATE, ProgressStatus.DONE);
            List<String> messages = probe.progress(id).stream().map(QuestionProgress::message).toList();
            assertTrue(messages.stream().anyMatch(m -> m.startsWith("xiyan: refine round 1 of 2 after: The query failed")
                    && m.contains("clients")), messages.toString());
        }
    }

    @Test
    @Order(3)
    void freeTextIsNeverExecutedAndTheOfflineCandidateStands() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATES_GENERATED, Topics.QUESTION_PROGRESS)) {
            String id = send(probe, "How many orders were there in weather 2024?");

            CandidatesGenerated generated = probe.awaitEvent(Topics.CANDIDATES_GENERATED, id, CandidatesGenerated.class);
            assertTrue(generated.candidates().stream().noneMatch(c -> c.generator().equals("xiyan")),
                    generated.candidates().toString());
            assertFalse(generated.candidates().isEmpty());
        }
    }

    @Test
    @Order(4)
    void serverErrorsLeaveTheQuestionToTheOfflineEngineWithAProgressMessageNamingTheFallback() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATES_GENERATED, Topics.QUESTION_PROGRESS)) {
            double before = fallbacks("server_error");
            String id = send(probe, "How many orders with returns?");

            CandidatesGenerated generated = probe.awaitEvent(Topics.CANDIDATES_GENERATED, id, CandidatesGenerated.class);
            assertEquals(List.of("simple"), generated.candidates().stream().map(Candidate::generator).toList());
            probe.awaitProgress(id, Stage.CANDIDATE, ProgressStatus.DONE);
            assertTrue(probe.progress(id).stream().map(QuestionProgress::message).toList().contains(
                    "generator.xiyan: model fake-xiyan answered with a server error, using the offline engine"));
            assertEquals(before + 1, fallbacks("server_error"));
        }
    }

    @Test
    @Order(5)
    void whenTheModelServerStopsTheNextQuestionsFallBack() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATES_GENERATED, Topics.QUESTION_PROGRESS)) {
            double before = fallbacks("unreachable");
            model.close();
            String id = send(probe, "How many orders were placed in 2024?");

            CandidatesGenerated generated = probe.awaitEvent(Topics.CANDIDATES_GENERATED, id, CandidatesGenerated.class);
            assertEquals(List.of("simple"), generated.candidates().stream().map(Candidate::generator).toList());
            assertTrue(generated.candidates().get(0).outcome().ok());
            probe.awaitProgress(id, Stage.CANDIDATE, ProgressStatus.DONE);
            assertTrue(probe.progress(id).stream().map(QuestionProgress::message).toList().contains(
                    "generator.xiyan: model fake-xiyan could not be reached, using the offline engine"));
            assertEquals(before + 1, fallbacks("unreachable"));
        }
    }

    private double fallbacks(String fault) {
        var counter = registry.find("kurobe.llm.fallbacks").tags("role", "generator.xiyan", "from", "fake-xiyan",
                "to", "offline", "fault", fault).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Candidate byGenerator(CandidatesGenerated generated, String generator) {
        return generated.candidates().stream().filter(c -> c.generator().equals(generator)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + generator + " candidate in " + generated.candidates()));
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
