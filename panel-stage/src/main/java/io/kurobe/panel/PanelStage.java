package io.kurobe.panel;

import io.kurobe.model.CandidateSelected;
import io.kurobe.model.Stage;
import io.kurobe.stage.StageRunner;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** candidate.selected → execute, choose panels → panels.ready. */
@ApplicationScoped
public class PanelStage {
    @Inject
    StageRunner runner;

    @Inject
    PanelService panels;

    @Inject
    @Channel("panels-ready")
    MutinyEmitter<String> next;

    @Incoming("candidate-selected")
    @Blocking(ordered = false)
    public void consume(ConsumerRecord<String, String> record) {
        runner.run(Stage.PANEL, record, CandidateSelected.class, panels::answer, next);
    }
}
