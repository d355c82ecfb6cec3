package io.kurobe.selection;

import io.kurobe.model.CandidatesGenerated;
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

/** candidates.generated → every candidate executed and compared (a selector model breaks splits) → candidate.selected. */
@ApplicationScoped
public class SelectionStage {
    @Inject
    StageRunner runner;

    @Inject
    SelectionService selector;

    @Inject
    ProgressNotes notes;

    @Inject
    @Channel("candidate-selected")
    MutinyEmitter<String> next;

    @Incoming("candidates-generated")
    @Blocking(ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        runner.run(Stage.SELECTION, record, CandidatesGenerated.class,
                generated -> selector.select(generated, note -> notes.note(generated.envelope(), Stage.SELECTION, note)), next);
    }
}
