package io.kurobe.stage;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.kurobe.model.Event;
import io.kurobe.model.EventJson;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends an event as JSON keyed by its question id, completing when the broker acknowledged it. */
public final class KeyedSender {
    private KeyedSender() {
    }

    public static Uni<Void> send(MutinyEmitter<String> emitter, Event event) {
        Message<String> message = Message.of(EventJson.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.questionId()).build());
        return emitter.sendMessage(message);
    }
}
