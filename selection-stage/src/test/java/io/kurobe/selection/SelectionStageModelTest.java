package io.kurobe.selection;

import io.kurobe.llm.testing.FakeVendorServer;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The selection stage with a selector model served by a local fake of OpenAI's API. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(DemoDatabaseResource.class)
@WithTestResource(FakeSelectorModelResource.class)
class SelectionStageModelTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MeterRegistry registry;

    @FakeSelectorModelResource.FakeModel
    FakeVendorServer model;

    @Test
    void aSplitVoteIsDecidedByTheModelsPickWithItsReason() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATE_SELECTED, Topics.QUESTION_PROGRESS)) {
            Candidate first = candidate("SELECT count(*) AS n FROM orders", "simple");
            Candidate second = candidate("SELECT count(DISTINCT customer_id) AS n FROM orders", "xiyan");
            int asked = model.requestCount();
            String id = send(probe, "How many orders are there?", List.of(first, second));

            CandidateSelected selected = probe.awaitEvent(Topics.CANDIDATE_SELECTED, id, CandidateSelected.class);
            assertEquals(second.sql(), selected.chosen().sql());
            assertEquals(SelectionMethod.SELECTOR_MODEL, selected.method());
            assertTrue(selected.reasoning().startsWith("selector model fake-selector chose candidate B (xiyan)"),
                    selected.reasoning());
            assertEquals(asked + 1, model.requestCount());
            String prompt = FakeVendorServer.userText(model.requests().get(model.requests().size() - 1));
            assertTrue(prompt.contains("Candidate A\n[SQL]\n" + first.sql()), prompt);
            assertTrue(prompt.contains("Candidate B\n[SQL]\n" + second.sql()), prompt);
            QuestionProgress done = probe.awaitProgress(id, Stage.SELECTION, ProgressStatus.DONE);
            assertTrue(done.message().startsWith("chose the xiyan candidate (SELECTOR_MODEL"), done.message());
            assertEquals(1, done.usage().byRole().get("selector").calls(), "usage on the DONE event: " + done.usage());
        }
    }

    @Test
    void candidatesThatAgreeAreNotSentToTheModel() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATE_SELECTED, Topics.QUESTION_PROGRESS)) {
            int asked = model.requestCount();
            String id = send(probe, "How many orders are there?", List.of(candidate("SELECT count(*) FROM orders", "simple"),
                    candidate("SELECT count(order_id) FROM orders", "xiyan")));

            CandidateSelected selected = probe.awaitEvent(Topics.CANDIDATE_SELECTED, id, CandidateSelected.class);
            assertEquals(SelectionMethod.UNANIMOUS, selected.method());
            assertEquals(asked, model.requestCount());
        }
    }

    @Test
    void anAnswerNamingNoOfferedCandidateLeavesTheChoiceToTheRules() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATE_SELECTED, Topics.QUESTION_PROGRESS)) {
            String id = send(probe, "How many customers are there?", List.of(
                    candidate("SELECT count(*) FROM customers", "simple"),
                    candidate("SELECT count(*) FROM orders", "xiyan")));

            CandidateSelected selected = probe.awaitEvent(Topics.CANDIDATE_SELECTED, id, CandidateSelected.class);
            assertNotEquals(SelectionMethod.SELECTOR_MODEL, selected.method());
            assertTrue(selected.reasoning().startsWith("chose "), selected.reasoning());
            QuestionProgress done = probe.awaitProgress(id, Stage.SELECTION, ProgressStatus.DONE);
            assertTrue(probe.progress(id).stream().map(QuestionProgress::message).toList().contains(
                    "selector: model fake-selector named none of the 2 offered candidates, using the selection rules"));
            assertNotNull(done.usage(), "the unusable answer still cost a call");
            assertEquals(1, done.usage().byRole().get("selector").calls(), "usage on the DONE event: " + done.usage());
        }
    }

    @Test
    void serverErrorsFallBackToTheRulesWithAProgressMessageAndAMetric() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.CANDIDATE_SELECTED, Topics.QUESTION_PROGRESS)) {
            double before = fallbacks();
            String id = send(probe, "How many products are there?", List.of(
                    candidate("SELECT count(*) FROM products", "simple"),
                    candidate("SELECT count(DISTINCT category) FROM products", "xiyan")));

            CandidateSelected selected = probe.awaitEvent(Topics.CANDIDATE_SELECTED, id, CandidateSelected.class);
            assertNotEquals(SelectionMethod.SELECTOR_MODEL, selected.method());
            probe.awaitProgress(id, Stage.SELECTION, ProgressStatus.DONE);
            assertTrue(probe.progress(id).stream().map(QuestionProgress::message).toList().contains(
                    "selector: model fake-selector answered with a server error, using the selection rules"));
            assertEquals(before + 1, fallbacks());
        }
    }

    private double fallbacks() {
        var counter = registry.find("kurobe.llm.fallbacks").tags("role", "selector", "from", "fake-selector",
                "to", "offline", "fault", "server_error").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Candidate candidate(String sql, String generator) {
        return new Candidate(sql, generator, 0, ExecutionOutcome.success(1, "fp", 1));
    }

    private static String send(TopicProbe probe, String question, List<Candidate> candidates) {
        String id = "q-" + UUID.randomUUID();
        Envelope envelope = new Envelope(id, "tenant-test", null, "demo", null, null, null, 1);
        CandidatesGenerated generated = new CandidatesGenerated(envelope, question, "duckdb",
                "【DB_ID】 demo", "schema-fp", candidates, null);
        probe.send(Topics.CANDIDATES_GENERATED, id, EventJson.write(generated));
        return id;
    }
}
