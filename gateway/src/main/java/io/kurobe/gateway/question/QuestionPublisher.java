package io.kurobe.gateway.question;

import io.kurobe.model.EventJson;
import io.kurobe.model.QuestionReceived;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Puts a question on question.received, keyed by its id; completes once the broker has it. */
@ApplicationScoped
public class QuestionPublisher {
    @Inject
    @Channel("question-received")
    MutinyEmitter<String> questions;

    public Uni<Void> publish(QuestionReceived event) {
        Message<String> message = Message.of(EventJson.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.questionId()).build());
        return questions.sendMessage(message);
    }
}
