package io.kurobe.gateway.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kurobe.gateway.auth.Caller;
import io.kurobe.gateway.problem.ErrorCode;
import io.kurobe.gateway.problem.ProblemException;
import io.kurobe.gateway.question.ClarificationRequest;
import io.kurobe.gateway.question.QuestionAccepted;
import io.kurobe.gateway.question.QuestionService;
import io.kurobe.gateway.question.QuestionStore;
import io.kurobe.model.EventJson;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * {@code /ws/questions/{id}}: what already happened to the question, then its live progress, then
 * its answer (panels or failure), then the server closes. A question that asks back leaves the socket
 * open for the asker's {@code {"type":"clarification","answer":"..."}}: the answer becomes a new question
 * of the conversation ({@code {"type":"clarified","questionId":...}}) and the socket follows that one.
 * {@link SocketAuth} has already checked the API key and that the question is the key's tenant's.
 */
@WebSocket(path = "/ws/questions/{id}")
public class QuestionSocket {
    private static final Logger LOG = Logger.getLogger(QuestionSocket.class);
    static final UserData.TypedKey<Subscription> SUBSCRIPTION = new UserData.TypedKey<>("kurobe.subscription");
    static final CloseReason NOT_FOUND = new CloseReason(4404, "question not found");
    private static final int STORE_RETRIES = 15;

    @Inject
    LiveEvents live;

    @Inject
    QuestionStore store;

    @Inject
    QuestionService questions;

    @Inject
    StreamConfig config;

    @Inject
    Vertx vertx;

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return follow(connection, connection.pathParam("id"));
    }

    @OnTextMessage
    public Uni<Void> message(String text, WebSocketConnection connection) {
        ClientMessage message;
        try {
            message = EventJson.mapper().readValue(text, ClientMessage.class);
        } catch (JsonProcessingException e) {
            message = null;
        }
        if (message == null || !ClientMessage.CLARIFICATION.equals(message.type())) {
            return error(connection, new ProblemException(ErrorCode.INVALID_REQUEST,
                    "Send {\"type\": \"clarification\", \"answer\": \"...\"} to answer the question asked back."));
        }
        Caller caller = new Caller(UUID.fromString(connection.userData().get(SocketAuth.TENANT)),
                UUID.fromString(connection.userData().get(SocketAuth.KEY)));
        Subscription subscription = connection.userData().get(SUBSCRIPTION);
        String answered = subscription.questionId();
        ClarificationRequest answer = new ClarificationRequest(message.answer());
        return Uni.createFrom().deferred(() -> questions.clarify(caller, UUID.fromString(answered), answer))
                // this socket saw the question back, which the persisting consumer may not have stored yet
                .onFailure(e -> subscription.askedBack() && e instanceof ProblemException problem
                        && problem.code() == ErrorCode.NOT_AWAITING_CLARIFICATION)
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(STORE_RETRIES)
                .chain(accepted -> connection.sendText(clarified(answered, accepted))
                        .chain(() -> follow(connection, accepted.id().toString())))
                .onFailure().recoverWithUni(failure -> error(connection, failure));
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        Subscription subscription = connection.userData().get(SUBSCRIPTION);
        if (subscription != null) {
            subscription.retire();
            live.unsubscribe(subscription.questionId(), subscription);
        }
    }

    /** Makes the socket follow a question: the one it was opened for, or the answer to its clarification. */
    private Uni<Void> follow(WebSocketConnection connection, String questionId) {
        close(connection);
        UUID tenantId = UUID.fromString(connection.userData().get(SocketAuth.TENANT));
        Subscription subscription = new Subscription(connection, questionId, vertx, config);
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

    private static String clarified(String answered, QuestionAccepted accepted) {
        ObjectNode message = EventJson.mapper().createObjectNode();
        message.put("type", "clarified");
        message.put("answered", answered);
        message.put("questionId", accepted.id().toString());
        message.put("conversationId", accepted.conversationId().toString());
        return message.toString();
    }

    /** A problem on the socket: {@code {"type":"error","code":...,"status":...,"detail":...}}; the socket stays open. */
    private static Uni<Void> error(WebSocketConnection connection, Throwable failure) {
        ProblemException problem;
        if (failure instanceof ProblemException known) {
            problem = known;
        } else {
            LOG.errorf(failure, "socket %s: answering the clarification failed", connection.id());
            problem = new ProblemException(ErrorCode.INTERNAL, "The answer could not be taken; try again shortly.");
        }
        ObjectNode message = EventJson.mapper().createObjectNode();
        message.put("type", "error");
        message.put("code", problem.code().name());
        message.put("status", problem.code().status());
        message.put("detail", problem.getMessage());
        return connection.sendText(message.toString());
    }
}
