package io.kurobe.gateway.question;

import io.kurobe.data.ConnectorPool;
import io.kurobe.gateway.auth.Caller;
import io.kurobe.gateway.connection.ConnectionService;
import io.kurobe.gateway.problem.ErrorCode;
import io.kurobe.gateway.problem.ProblemException;
import io.kurobe.model.Envelope;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.QuestionReceived;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/** Asking a question: check it, store it, and hand it to the pipeline. */
@ApplicationScoped
public class QuestionService {
    private static final Logger LOG = Logger.getLogger(QuestionService.class);

    @Inject
    QuestionsConfig config;

    @Inject
    ConnectorPool connections;

    @Inject
    ConnectionService stored;

    @Inject
    QuestionStore store;

    @Inject
    QuestionPublisher publisher;

    Clock clock = Clock.systemUTC();

    public Uni<QuestionAccepted> ask(Caller caller, AskRequest request) {
        String question = checkedQuestion(request);
        return checkedConnection(caller, request).chain(connectionId -> publish(caller, question,
                (id, deadline) -> store.create(caller, id, conversation(request.conversationId()), connectionId,
                        question, deadline)));
    }

    /**
     * Answers a question that asked back: the answer becomes a new question of the same conversation and
     * connection, whose history ends with the answered question and what it asked, so the intent stage can
     * rewrite the two into one standalone question.
     */
    public Uni<QuestionAccepted> clarify(Caller caller, UUID answered, ClarificationRequest request) {
        String answer = request == null || request.answer() == null ? "" : request.answer().strip();
        if (answer.isEmpty()) {
            throw new ProblemException(ErrorCode.ANSWER_EMPTY,
                    "Answer the question: send {\"answer\": \"...\"} with one of the options or your own words.");
        }
        checkLength(answer);
        return publish(caller, answer, (id, deadline) -> store.answer(caller, id, answered, answer, deadline));
    }

    private Uni<QuestionAccepted> publish(Caller caller, String question,
                                          BiFunction<UUID, Instant, Uni<QuestionStore.Stored>> storing) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant deadline = now.plus(config.deadline());
        return storing.apply(id, deadline)
                .chain(stored -> {
                    Envelope envelope = new Envelope(id.toString(), caller.tenantId().toString(),
                            stored.conversationId().toString(), stored.connectionId(), null, now, deadline, 1);
                    QuestionReceived event = new QuestionReceived(envelope, question, stored.history(),
                            caller.asker(), QuestionOptions.defaults());
                    return publisher.publish(event)
                            .onFailure().call(e -> unpublished(caller, id, e))
                            .replaceWith(new QuestionAccepted(id, QuestionStatus.RECEIVED, stored.conversationId()));
                });
    }

    private Uni<Void> unpublished(Caller caller, UUID id, Throwable cause) {
        LOG.errorf(cause, "question %s could not be published", id);
        return store.markUnpublished(caller.tenantId(), id, "The question could not be handed to the pipeline.")
                .onItemOrFailure().transform((ignored, failure) -> {
                    throw new ProblemException(ErrorCode.BROKER_UNAVAILABLE,
                            "The question was not accepted by the message broker; try again shortly.");
                });
    }

    private String checkedQuestion(AskRequest request) {
        if (request == null) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST,
                    "Send a JSON body: {\"question\": \"...\", \"connectionId\": \"...\"}.");
        }
        String question = request.question() == null ? "" : request.question().strip();
        if (question.isEmpty()) {
            throw new ProblemException(ErrorCode.QUESTION_EMPTY, "Ask a question: the 'question' field is empty.");
        }
        checkLength(question);
        return question;
    }

    private void checkLength(String question) {
        int length = question.codePointCount(0, question.length());
        if (length > config.maxLength()) {
            throw new ProblemException(ErrorCode.QUESTION_TOO_LONG, "The question has " + length
                    + " characters; at most " + config.maxLength() + " are accepted.");
        }
    }

    /**
     * A configured connection (such as "demo") or one of the caller's live stored connections; the stages
     * resolve both, the stored one under the question's tenant.
     */
    private Uni<String> checkedConnection(Caller caller, AskRequest request) {
        String connectionId = request.connectionId();
        if (connectionId == null || connectionId.isBlank()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST,
                    "Name the connection to ask in 'connectionId'; configured: " + configured() + ".");
        }
        if (connections.has(connectionId)) {
            return Uni.createFrom().item(connectionId);
        }
        return stored.exists(caller, connectionId).map(exists -> {
            if (exists) {
                return connectionId;
            }
            throw new ProblemException(ErrorCode.UNKNOWN_CONNECTION,
                    "There is no connection '" + connectionId + "'; configured: " + configured() + ".");
        });
    }

    private String configured() {
        List<String> ids = List.copyOf(connections.ids());
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private static Optional<UUID> conversation(String conversationId) {
        if (conversationId == null || conversationId.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(conversationId.trim()));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.CONVERSATION_NOT_FOUND,
                    "There is no conversation '" + conversationId + "' for this API key's tenant.");
        }
    }
}
