package io.kurobe.linking;

import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.IntentClass;
import io.kurobe.model.IntentValidated;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(DemoDatabaseResource.class)
class SchemaStageTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void questionIsLinkedToTheDemoSchemaWithStartedThenDone() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.SCHEMA_LINKED, Topics.QUESTION_PROGRESS)) {
            String id = send(probe, "demo", "How many cancelled orders were placed in 2024?");

            SchemaLinked linked = probe.awaitEvent(Topics.SCHEMA_LINKED, id, SchemaLinked.class);
            assertTrue(linked.mschema().contains("# Table: orders, one row per order"), linked.mschema());
            assertTrue(linked.mschema().contains("orders.customer_id=customers.customer_id"), linked.mschema());
            assertEquals(5, linked.tables().size());
            assertEquals("duckdb", linked.dialect());
            assertEquals(List.of("cancelled"), linked.values().stream().map(v -> v.value()).toList());
            probe.awaitProgress(id, Stage.SCHEMA, ProgressStatus.DONE);
            assertEquals(List.of(ProgressStatus.STARTED, ProgressStatus.DONE),
                    probe.progress(id).stream().map(QuestionProgress::status).toList());
        }
    }

    @Test
    void unknownConnectionFailsWithTheConfiguredIds() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.QUESTION_PROGRESS, Topics.PANELS_READY)) {
            String id = send(probe, "warehouse", "How many orders?");

            QuestionProgress failed = probe.awaitProgress(id, Stage.SCHEMA, ProgressStatus.FAILED);
            assertEquals("Unknown connection 'warehouse'; configured: demo.", failed.message());
            assertEquals("UNKNOWN_CONNECTION", probe.awaitEvent(Topics.PANELS_READY, id, PanelsReady.class).error().code());
        }
    }

    @Test
    void garbageGoesToDeadLetterTopicAndNextEventStillCompletes() {
        String dlq = Topics.deadLetter(Topics.INTENT_VALIDATED);
        try (TopicProbe probe = new TopicProbe(bootstrap, dlq, Topics.QUESTION_PROGRESS, Topics.SCHEMA_LINKED)) {
            String poisoned = "q-" + UUID.randomUUID();
            probe.send(Topics.INTENT_VALIDATED, poisoned, "{\"envelope\": {\"questionId\": ");

            probe.await(dlq, poisoned, value -> true);
            probe.awaitProgress(poisoned, Stage.SCHEMA, ProgressStatus.FAILED);

            String next = send(probe, "demo", "List the products");
            assertEquals("List the products", probe.awaitEvent(Topics.SCHEMA_LINKED, next, SchemaLinked.class).question());
            probe.awaitProgress(next, Stage.SCHEMA, ProgressStatus.DONE);
        }
    }

    private static String send(TopicProbe probe, String connectionId, String question) {
        String id = "q-" + UUID.randomUUID();
        Envelope envelope = new Envelope(id, "tenant-test", null, connectionId, null, null, null, 1);
        IntentValidated intent = new IntentValidated(envelope, question, question, IntentClass.ANSWERABLE,
                List.of(), null, null, null);
        probe.send(Topics.INTENT_VALIDATED, id, EventJson.write(intent));
        return id;
    }
}
