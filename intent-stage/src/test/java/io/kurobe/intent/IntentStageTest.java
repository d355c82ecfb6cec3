package io.kurobe.intent;

import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.IntentValidated;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.QuestionReceived;
import io.kurobe.model.Stage;
import io.kurobe.model.Topics;
import io.kurobe.stage.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class IntentStageTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void answerableQuestionIsValidatedWithStartedThenDone() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.INTENT_VALIDATED, Topics.QUESTION_PROGRESS)) {
            String id = ask(probe, "  How many orders were placed in 2024? ");

            IntentValidated validated = probe.awaitEvent(Topics.INTENT_VALIDATED, id, IntentValidated.class);
            assertEquals("How many orders were placed in 2024?", validated.standaloneQuestion());
            assertEquals(LocalDate.of(2024, 1, 1), validated.timeRange().from());
            assertEquals(LocalDate.of(2025, 1, 1), validated.timeRange().until());
            probe.awaitProgress(id, Stage.INTENT, ProgressStatus.DONE);
            assertEquals(List.of(ProgressStatus.STARTED, ProgressStatus.DONE),
                    probe.progress(id).stream().map(QuestionProgress::status).toList());
        }
    }

    @Test
    void dataChangeIsRefusedWithReasonOnProgressAndPanels() {
        try (TopicProbe probe = new TopicProbe(bootstrap, Topics.QUESTION_PROGRESS, Topics.PANELS_READY)) {
            String id = ask(probe, "Please delete all cancelled orders");

            QuestionProgress failed = probe.awaitProgress(id, Stage.INTENT, ProgressStatus.FAILED);
            assertTrue(failed.message().startsWith("Kurobe only reads data"), failed.message());
            PanelsReady answer = probe.awaitEvent(Topics.PANELS_READY, id, PanelsReady.class);
            assertEquals("DATA_CHANGE", answer.error().code());
        }
    }

    @Test
    void garbageGoesToDeadLetterTopicAndNextQuestionStillCompletes() {
        String dlq = Topics.deadLetter(Topics.QUESTION_RECEIVED);
        try (TopicProbe probe = new TopicProbe(bootstrap, dlq, Topics.QUESTION_PROGRESS, Topics.INTENT_VALIDATED)) {
            String poisoned = "q-" + UUID.randomUUID();
            probe.sendBytes(Topics.QUESTION_RECEIVED, poisoned, new byte[] {0, (byte) 0xff, 0x13, '{', (byte) 0xc3});

            probe.await(dlq, poisoned, value -> true);
            QuestionProgress failed = probe.awaitProgress(poisoned, Stage.INTENT, ProgressStatus.FAILED);
            assertTrue(failed.message().contains("could not read"), failed.message());

            String next = ask(probe, "List the products");
            assertEquals("List the products",
                    probe.awaitEvent(Topics.INTENT_VALIDATED, next, IntentValidated.class).standaloneQuestion());
            probe.awaitProgress(next, Stage.INTENT, ProgressStatus.DONE);
        }
    }

    private static String ask(TopicProbe probe, String question) {
        String id = "q-" + UUID.randomUUID();
        Envelope envelope = new Envelope(id, "tenant-test", null, "demo", null, null, null, 1);
        probe.send(Topics.QUESTION_RECEIVED, id, EventJson.write(new QuestionReceived(envelope, question, List.of(), "test", null)));
        return id;
    }
}
