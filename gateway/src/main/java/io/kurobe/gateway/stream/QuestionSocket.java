package io.kurobe.gateway.stream;

import io.kurobe.gateway.question.QuestionStore;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * {@code /ws/questions/{id}}: what already happened to the question, then its live progress, then
 * its answer (panels or failure), then the server closes. {@link SocketAuth} has already checked
 * the API key and that the question is the key's tenant's.
 */
@WebSocket(path = "/ws/questions/{id}")
public class QuestionSocket {
    static final UserData.TypedKey<Subscription> SUBSCRIPTION = new UserData.TypedKey<>("kurobe.subscription");
    static final CloseReason NOT_FOUND = new CloseReason(4404, "question not found");

    @Inject
    LiveEvents live;

    @Inject
    QuestionStore store;

    @Inject
    StreamConfig config;

    @Inject
    Vertx vertx;

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        UUID tenantId = UUID.fromString(connection.userData().get(SocketAuth.TENANT));
        String questionId = connection.pathParam("id");
        Subscription subscription = new Subscription(connection, vertx, config.answerGrace());
        connection.userData().put(SUBSCRIPTION, subscription);
        List<StreamMessage> kept = live.subscribe(questionId, subscription);
        return store.find(tenantId, UUID.fromString(questionId))
                .chain(found -> {
                    if (found.isEmpty()) {
                        return connection.close(NOT_FOUND);
                    }
                    subscription.start(found.get(), kept);
                    return Uni.createFrom().voidItem();
                });
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        Subscription subscription = connection.userData().get(SUBSCRIPTION);
        if (subscription != null) {
            live.unsubscribe(connection.pathParam("id"), subscription);
        }
    }
}
