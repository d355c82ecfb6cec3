package io.kurobe.intent;

import io.kurobe.model.QuestionReceived;
import io.kurobe.model.Stage;
import io.kurobe.stage.ProgressNotes;
import io.kurobe.stage.StageRunner;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** question.received → intent validation (rules, then the intent model where one is configured) → intent.validated. */
@ApplicationScoped
public class IntentStage {
    @Inject
    StageRunner runner;

    @Inject
    IntentAgent agent;

    @Inject
    ProgressNotes notes;

    @Inject
    @Channel("intent-validated")
    MutinyEmitter<String> next;

    @Incoming("question-received")
    @Blocking(ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        runner.run(Stage.INTENT, record, QuestionReceived.class,
                received -> agent.decide(received, note -> notes.note(received.envelope(), Stage.INTENT, note)), next);
    }
}
