package io.kurobe.linking;

import io.kurobe.model.IntentValidated;
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

/** intent.validated → introspection, value matching, linking (and the schema-filter model's choice), M-Schema → schema.linked. */
@ApplicationScoped
public class SchemaStage {
    @Inject
    StageRunner runner;

    @Inject
    SchemaLinker linker;

    @Inject
    ProgressNotes notes;

    @Inject
    @Channel("schema-linked")
    MutinyEmitter<String> next;

    @Incoming("intent-validated")
    @Blocking(ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        runner.run(Stage.SCHEMA, record, IntentValidated.class,
                intent -> linker.link(intent, note -> notes.note(intent.envelope(), Stage.SCHEMA, note)), next);
    }
}
