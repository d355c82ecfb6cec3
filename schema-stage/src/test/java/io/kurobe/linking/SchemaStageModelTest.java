package io.kurobe.linking;

import io.kurobe.llm.testing.FakeVendorServer;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.IntentClass;
import io.kurobe.model.IntentValidated;
import io.kurobe.model.LinkedTable;
import io.kurobe.model.ModelUsage;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema stage with its schema-filter model served by a local fake of OpenAI's API. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(DemoDatabaseResource.class)
@WithTestResource(FakeSchemaFilterModelResource.class)
class SchemaStageModelTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @FakeSchemaFilterModelResource.FakeModel
    FakeVendorServer model;

    @Test
    @Order(1)
    void theModelsChoiceNarrowsTheDemoSchemaAndItsUsageIsOnDone() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.SCHEMA_LINKED, Topics.QUESTION_PROGRESS)) {
            String id = send(probe, "How many cancelled orders did Corporate customers place?");

            SchemaLinked linked = probe.awaitEvent(Topics.SCHEMA_LINKED, id, SchemaLinked.class);
            assertEquals(List.of("customers", "orders"), linked.tables().stream().map(LinkedTable::name).sorted().toList());
            assertTrue(linked.mschema().contains("orders.customer_id=customers.customer_id"), linked.mschema());
            assertTrue(linked.mschema().contains("(segment:VARCHAR"), linked.mschema());
            assertFalse(linked.mschema().contains("order_date"), linked.mschema());
            assertFalse(linked.mschema().contains("# Table: products"), linked.mschema());
            QuestionProgress done = probe.awaitProgress(id, Stage.SCHEMA, ProgressStatus.DONE);
            assertEquals(ModelUsage.call("schema-filter", 260, 24), done.usage());
            assertTrue(done.message().contains("chosen by schema-filter model fake-xiyan, 260 tokens in, 24 out"),
                    done.message());
        }
    }

    @Test
    @Order(2)
    void proseInsteadOfJsonKeepsTheWholeSchemaWithAProgressMessage() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.SCHEMA_LINKED, Topics.QUESTION_PROGRESS)) {
            String id = send(probe, "How many returns were there in 2024?");

            SchemaLinked linked = probe.awaitEvent(Topics.SCHEMA_LINKED, id, SchemaLinked.class);
            assertEquals(5, linked.tables().size());
            assertTrue(linked.mschema().contains("# Table: products"), linked.mschema());
            QuestionProgress done = probe.awaitProgress(id, Stage.SCHEMA, ProgressStatus.DONE);
            assertTrue(done.message().contains("answer was not used"), done.message());
            assertEquals(ModelUsage.call("schema-filter", 210, 12), done.usage());
            assertTrue(probe.progress(id).stream().map(QuestionProgress::message).toList().contains(
                    "schema-filter: model fake-xiyan answered outside the JSON asked for (no JSON object),"
                            + " using the retrieval's tables"), probe.progress(id)::toString);
        }
    }

    @Test
    @Order(3)
    void whenTheModelServerIsDownTheWholeSchemaIsLinkedAndTheFallbackIsSaid() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.SCHEMA_LINKED, Topics.QUESTION_PROGRESS)) {
            model.close();
            String id = send(probe, "How many cancelled orders did Corporate customers place?");

            SchemaLinked linked = probe.awaitEvent(Topics.SCHEMA_LINKED, id, SchemaLinked.class);
            assertEquals(5, linked.tables().size());
            QuestionProgress done = probe.awaitProgress(id, Stage.SCHEMA, ProgressStatus.DONE);
            assertNull(done.usage(), "no model answered");
            assertTrue(done.message().contains("schema-filter offline"), done.message());
            List<QuestionProgress> progress = probe.progress(id);
            assertTrue(progress.stream().map(QuestionProgress::message).toList().contains(
                    "schema-filter: model fake-xiyan could not be reached, using the retrieval's tables"), progress::toString);
            assertEquals(ProgressStatus.DONE, progress.get(progress.size() - 1).status());
        }
    }

    private static String send(TopicProbe probe, String question) {
        String id = "q-" + UUID.randomUUID();
        Envelope envelope = new Envelope(id, "tenant-test", null, "demo", null, null, null, 1);
        probe.send(Topics.INTENT_VALIDATED, id, EventJson.write(new IntentValidated(envelope, question, question,
                IntentClass.ANSWERABLE, List.of(), null, null, null)));
        return id;
    }
}
