package io.kurobe.gateway.stream;

import io.kurobe.model.EventJson;
import io.kurobe.model.InvalidEventException;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.QuestionProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * This replica's own view of question.progress and panels.ready: a consumer group per process, so
 * every replica sees every event and can push it to whichever sockets it holds.
 */
@ApplicationScoped
public class LiveConsumer {
    private static final Logger LOG = Logger.getLogger(LiveConsumer.class);

    @Inject
    LiveEvents live;

    @Incoming("progress-live")
    public void progress(String json) {
        try {
            live.publish(StreamMessage.progress(EventJson.read(json, QuestionProgress.class)));
        } catch (InvalidEventException e) {
            LOG.debugf("not streaming an unreadable progress record: %s", e.getMessage());
        }
    }

    @Incoming("panels-live")
    public void answer(String json) {
        try {
            live.publish(StreamMessage.answer(EventJson.read(json, PanelsReady.class)));
        } catch (InvalidEventException e) {
            LOG.debugf("not streaming an unreadable panels.ready record: %s", e.getMessage());
        }
    }
}
