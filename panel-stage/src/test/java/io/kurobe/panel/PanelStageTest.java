package io.kurobe.panel;

import io.kurobe.data.ConnectorPool;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidateSelected;
import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.ExecutionOutcome;
import io.kurobe.model.Panel;
import io.kurobe.model.PanelKind;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.SelectionMethod;
import io.kurobe.model.Stage;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.Topics;
import io.kurobe.panel.cache.CacheKey;
import io.kurobe.stage.testing.DemoDatabaseResource;
import io.kurobe.stage.testing.TopicProbe;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(DemoDatabaseResource.class)
class PanelStageTest {
    private static final String COUNT_2024 = "SELECT count(*) AS number_of_orders FROM orders"
            + " WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ConnectorPool pool;

    @Inject
    RedisDataSource redis;

    // a tenant of its own, so entries from earlier runs cannot answer this run's questions
    private final String tenant = "tenant-test-" + UUID.randomUUID();
    private final List<String> cacheKeys = new ArrayList<>();

    @AfterEach
    void removeCacheEntries() {
        redis.key().del(cacheKeys.toArray(String[]::new));
    }

    @Test
    void chosenCountBecomesAKpiEqualToTheDirectQuery() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.PANELS_READY, Topics.QUESTION_PROGRESS)) {
            String id = send(probe, COUNT_2024);

            PanelsReady ready = probe.awaitEvent(Topics.PANELS_READY, id, PanelsReady.class);
            assertNull(ready.error());
            Panel kpi = ready.panels().get(0);
            assertEquals(PanelKind.KPI, kpi.kind());
            long direct = ((Number) pool.connector("demo").execute(COUNT_2024, ExecutionLimits.DEFAULT).rows().get(0).get(0)).longValue();
            assertEquals(direct, ((Number) kpi.rows().get(0).get(0)).longValue());
            assertEquals(COUNT_2024, kpi.sql());
            probe.awaitProgress(id, Stage.PANEL, ProgressStatus.DONE);
            assertEquals(List.of(ProgressStatus.STARTED, ProgressStatus.DONE),
                    probe.progress(id).stream().map(QuestionProgress::status).toList());
        }
    }

    @Test
    void failingSqlEndsTheQuestionWithTheDatabasesMessage() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.PANELS_READY, Topics.QUESTION_PROGRESS)) {
            String id = send(probe, "SELECT amount FROM orders");

            QuestionProgress failed = probe.awaitProgress(id, Stage.PANEL, ProgressStatus.FAILED);
            assertTrue(failed.message().contains("amount"), failed.message());
            assertEquals("EXECUTION_FAILED", probe.awaitEvent(Topics.PANELS_READY, id, PanelsReady.class).error().code());
        }
    }

    @Test
    void garbageGoesToDeadLetterTopicAndNextEventStillCompletes() {
        String dlq = Topics.deadLetter(Topics.CANDIDATE_SELECTED);
        try (TopicProbe probe = new TopicProbe(bootstrap, dlq, Topics.QUESTION_PROGRESS, Topics.PANELS_READY)) {
            String poisoned = "q-" + UUID.randomUUID();
            probe.sendBytes(Topics.CANDIDATE_SELECTED, poisoned, new byte[] {'n', 'u', 'l', 'l', 0x7f, (byte) 0x80});

            probe.await(dlq, poisoned, value -> true);
            probe.awaitProgress(poisoned, Stage.PANEL, ProgressStatus.FAILED);

            String next = send(probe, "SELECT name, country FROM regions ORDER BY region_id");
            PanelsReady ready = probe.awaitEvent(Topics.PANELS_READY, next, PanelsReady.class);
            assertEquals(PanelKind.TABLE, ready.panels().get(0).kind());
            assertEquals(List.of("Northeast", "United States"), ready.panels().get(0).rows().get(0));
            probe.awaitProgress(next, Stage.PANEL, ProgressStatus.DONE);
        }
    }

    @Test
    void repeatedQuestionIsAnsweredFromTheCacheAndSaysHowOld() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.PANELS_READY, Topics.QUESTION_PROGRESS)) {
            String first = send(probe, COUNT_2024);
            assertNull(probe.awaitEvent(Topics.PANELS_READY, first, PanelsReady.class).cachedAt());
            QuestionProgress computed = probe.awaitProgress(first, Stage.PANEL, ProgressStatus.DONE);
            assertFalse(computed.message().contains("from cache"), computed.message());

            String second = send(probe, COUNT_2024 + ";");
            PanelsReady cached = probe.awaitEvent(Topics.PANELS_READY, second, PanelsReady.class);
            assertNotNull(cached.cachedAt());
            assertEquals(PanelKind.KPI, cached.panels().get(0).kind());
            QuestionProgress done = probe.awaitProgress(second, Stage.PANEL, ProgressStatus.DONE);
            assertTrue(done.message().matches("KPI panel of 1 rows, from cache, \\d+ s old"), done.message());
        }
    }

    private String send(TopicProbe probe, String sql) {
        cacheKeys.add(CacheKey.of(tenant, "demo", "schema-fp", QuestionOptions.DEFAULT_ROW_LIMIT, sql));
        String id = "q-" + UUID.randomUUID();
        Candidate chosen = new Candidate(sql, "simple", 0, ExecutionOutcome.success(1, "fp", 1));
        CandidateSelected selected = new CandidateSelected(new Envelope(id, tenant, null, "demo", null, null, null, 1),
                "How many orders were placed in 2024?", "duckdb", "schema-fp", chosen, SelectionMethod.ONLY_CANDIDATE,
                1.0, 1.0, "1 of 1 candidates returned the same result", List.of(), null);
        probe.send(Topics.CANDIDATE_SELECTED, id, EventJson.write(selected));
        return id;
    }
}
