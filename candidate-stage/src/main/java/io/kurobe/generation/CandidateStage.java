package io.kurobe.generation;

import io.kurobe.model.SchemaLinked;
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

/** schema.linked → generators (model generators refined), each candidate executed → candidates.generated. */
@ApplicationScoped
public class CandidateStage {
    @Inject
    StageRunner runner;

    @Inject
    CandidateHub hub;

    @Inject
    ProgressNotes notes;

    @Inject
    @Channel("candidates-generated")
    MutinyEmitter<String> next;

    @Incoming("schema-linked")
    @Blocking(ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        runner.run(Stage.CANDIDATE, record, SchemaLinked.class,
                linked -> hub.generate(linked, note -> notes.note(linked.envelope(), Stage.CANDIDATE, note)), next);
    }
}
