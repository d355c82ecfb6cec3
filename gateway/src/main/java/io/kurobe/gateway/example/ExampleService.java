package io.kurobe.gateway.example;

import io.kurobe.data.guard.GuardPolicy;
import io.kurobe.data.guard.GuardVerdict;
import io.kurobe.data.guard.SqlGuard;
import io.kurobe.gateway.auth.Caller;
import io.kurobe.gateway.connection.ConnectionSchemas;
import io.kurobe.gateway.db.TenantTx;
import io.kurobe.gateway.problem.ErrorCode;
import io.kurobe.gateway.problem.ProblemException;
import io.kurobe.gateway.question.QuestionStatus;
import io.kurobe.gateway.question.QuestionsConfig;
import io.kurobe.model.QueryExample;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Teaching Kurobe: feedback on answers and files of examples become examples of a connection, stored and put on the
 * topic 'examples' in one step (the transaction commits only once the broker has the record). SQL a person wrote
 * becomes an example only after the SQL guard accepts it for the connection, as generated SQL must before it runs.
 */
@ApplicationScoped
public class ExampleService {
    @Inject
    TenantTx tx;

    @Inject
    ExampleStore store;

    @Inject
    ExamplePublisher publisher;

    @Inject
    ConnectionSchemas schemas;

    @Inject
    ExamplesConfig config;

    @Inject
    QuestionsConfig questions;

    private final SqlGuard guard = new SqlGuard();

    /** A checked feedback body. */
    private record Judgement(boolean correct, String sql, String comment) {
    }

    /**
     * Judges a question's answer. Right: the standalone question and its SQL become the question's example. Wrong
     * with SQL: that SQL does, once the guard accepts it. Wrong without SQL: the question's example, if any, goes.
     */
    public Uni<FeedbackView> feedback(Caller caller, UUID questionId, FeedbackRequest request) {
        Judgement judgement = checked(request);
        return tx.run(caller.tenantId(), connection -> store.answered(connection, questionId, false))
                .map(found -> judgeable(questionId, found))
                .chain(answered -> exampleSql(caller, answered, judgement)
                        .chain(sql -> record(caller, questionId, answered, judgement, sql)));
    }

    private Judgement checked(FeedbackRequest request) {
        if (request == null || request.correct() == null) {
            throw invalid("Send a JSON body: {\"correct\": true} when the answer was right, or {\"correct\": false, "
                    + "\"sql\": \"the right SQL (optional)\", \"comment\": \"optional\"}.");
        }
        String sql = blankToNull(request.sql());
        if (request.correct() && sql != null) {
            throw invalid("'sql' corrects a wrong answer: send it with \"correct\": false, or leave it out.");
        }
        String comment = blankToNull(request.comment());
        if (comment != null && comment.length() > config.maxCommentLength()) {
            throw invalid("The comment has " + comment.length() + " characters; at most " + config.maxCommentLength()
                    + " are accepted.");
        }
        return new Judgement(request.correct(), sql, comment);
    }

    private static ExampleStore.Answered judgeable(UUID questionId, Optional<ExampleStore.Answered> found) {
        ExampleStore.Answered answered = found.orElseThrow(() -> new ProblemException(ErrorCode.QUESTION_NOT_FOUND,
                "There is no question " + questionId + " for this API key's tenant."));
        if (!QuestionStatus.DONE.name().equals(answered.status())) {
            throw new ProblemException(ErrorCode.QUESTION_NOT_ANSWERED, "Question " + questionId + " is "
                    + answered.status() + "; only an answered question (DONE) can be judged.");
        }
        return answered;
    }

    /** The SQL of the question's example: the answer's when it was right, the guarded correction, or none. */
    private Uni<Optional<String>> exampleSql(Caller caller, ExampleStore.Answered answered, Judgement judgement) {
        if (judgement.correct()) {
            if (answered.sql() == null || answered.sql().isBlank()) {
                throw new ProblemException(ErrorCode.QUESTION_NOT_ANSWERED,
                        "The question's answer has no SQL to keep as an example.");
            }
            return Uni.createFrom().item(Optional.of(answered.sql()));
        }
        if (judgement.sql() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return schemas.guardPolicy(caller, answered.connectionId())
                .chain(policy -> blocking(() -> guard.check(judgement.sql(), policy)))
                .map(verdict -> {
                    if (!verdict.isAccepted()) {
                        throw new ProblemException(ErrorCode.SQL_REFUSED,
                                "The SQL guard refused the corrected SQL: " + verdict.reason() + ".");
                    }
                    return Optional.of(judgement.sql());
                });
    }

    private Uni<FeedbackView> record(Caller caller, UUID questionId, ExampleStore.Answered answered,
                                     Judgement judgement, Optional<String> sql) {
        UUID tenantId = caller.tenantId();
        return tx.run(tenantId, connection -> store.answered(connection, questionId, true).chain(() -> {
            if (sql.isPresent()) {
                Example proposed = new Example(UUID.randomUUID(), tenantId, answered.connectionId(),
                        answered.question(), sql.get(), QueryExample.FEEDBACK, questionId, null, null);
                return store.putFeedbackExample(connection, proposed)
                        .call(publisher::added)
                        .chain(example -> store.addFeedback(connection, tenantId, questionId, judgement.correct(),
                                        judgement.sql(), judgement.comment(), example.id())
                                .map(stored -> view(stored, questionId, judgement, example, null)));
            }
            return store.removeQuestionExample(connection, questionId)
                    .call(removed -> removed.map(publisher::removed).orElse(Uni.createFrom().voidItem()))
                    .chain(removed -> store.addFeedback(connection, tenantId, questionId, false, null,
                                    judgement.comment(), null)
                            .map(stored -> view(stored, questionId, judgement, null,
                                    removed.map(Example::id).orElse(null))));
        }));
    }

    private static FeedbackView view(ExampleStore.Stored stored, UUID questionId, Judgement judgement, Example example,
                                     UUID removedExampleId) {
        return new FeedbackView(stored.id(), questionId, judgement.correct(), judgement.sql(), judgement.comment(),
                stored.createdAt(), example == null ? null : ExampleView.of(example), removedExampleId);
    }

    /**
     * Loads a file of examples into a connection: each readable line whose SQL the guard accepts becomes an example;
     * with {@code dbId}, only lines of that db_id are taken.
     */
    public Uni<LoadResult> load(Caller caller, String connectionId, String body, String dbId) {
        int bytes = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.maxBodyBytes()) {
            throw new ProblemException(ErrorCode.BODY_TOO_LARGE, "The file has " + bytes + " bytes; at most "
                    + config.maxBodyBytes() + " are taken in one load: split it.");
        }
        List<ExampleLines.Line> lines = ExampleLines.parse(body);
        if (lines.size() > config.maxLines()) {
            throw new ProblemException(ErrorCode.BODY_TOO_LARGE, "The file has " + lines.size()
                    + " examples; at most " + config.maxLines() + " are taken in one load: split it.");
        }
        String wanted = blankToNull(dbId);
        return schemas.connectionId(caller, connectionId)
                .chain(id -> schemas.guardPolicy(caller, id)
                        .chain(policy -> blocking(() -> sort(caller, id, lines, wanted, policy)))
                        .chain(sorted -> tx.run(caller.tenantId(), connection ->
                                store.addLoaded(connection, sorted.accepted())
                                        .call(publisher::added))
                                .map(added -> new LoadResult(id, added.size(), sorted.accepted().size() - added.size(),
                                        sorted.skipped(), sorted.refused()))));
    }

    /** A file's lines sorted into the examples to add, the lines of other databases, and the lines refused. */
    private record Sorted(List<Example> accepted, int skipped, List<LoadResult.Refusal> refused) {
    }

    private Sorted sort(Caller caller, String connectionId, List<ExampleLines.Line> lines, String dbId,
                        GuardPolicy policy) {
        List<Example> accepted = new ArrayList<>();
        List<LoadResult.Refusal> refused = new ArrayList<>();
        int skipped = 0;
        for (ExampleLines.Line line : lines) {
            if (!line.readable()) {
                refused.add(new LoadResult.Refusal(line.number(), line.problem()));
                continue;
            }
            if (dbId != null && !dbId.equals(line.dbId())) {
                skipped++;
                continue;
            }
            int length = line.question().codePointCount(0, line.question().length());
            if (length > questions.maxLength()) {
                refused.add(new LoadResult.Refusal(line.number(), "the question has " + length
                        + " characters; at most " + questions.maxLength() + " are accepted"));
                continue;
            }
            GuardVerdict verdict = guard.check(line.sql(), policy);
            if (!verdict.isAccepted()) {
                refused.add(new LoadResult.Refusal(line.number(), "the SQL guard refused the SQL: " + verdict.reason()));
                continue;
            }
            accepted.add(new Example(UUID.randomUUID(), caller.tenantId(), connectionId, line.question(), line.sql(),
                    QueryExample.BULK, null, null, null));
        }
        return new Sorted(accepted, skipped, refused);
    }

    /** The connection's live examples, newest first. */
    public Uni<List<ExampleView>> list(Caller caller, String connectionId, Integer limit) {
        int size = limit == null || limit < 1 ? config.listLimit() : Math.min(limit, config.listLimit());
        return schemas.connectionId(caller, connectionId)
                .chain(id -> tx.run(caller.tenantId(), connection -> store.list(connection, id, size)))
                .map(all -> all.stream().map(ExampleView::of).toList());
    }

    /** Soft-deletes an example and puts its tombstone on the topic. */
    public Uni<Void> delete(Caller caller, String connectionId, String exampleId) {
        UUID id = exampleId(exampleId);
        return schemas.connectionId(caller, connectionId)
                .chain(connection -> tx.run(caller.tenantId(), sql -> store.delete(sql, connection, id)
                                .call(removed -> removed.map(publisher::removed).orElse(Uni.createFrom().voidItem())))
                        .map(removed -> {
                            if (removed.isEmpty()) {
                                throw notFound(exampleId, connection);
                            }
                            return null;
                        }));
    }

    private static UUID exampleId(String id) {
        try {
            return UUID.fromString(id == null ? "" : id.strip());
        } catch (IllegalArgumentException e) {
            throw notFound(id, null);
        }
    }

    private static ProblemException notFound(String exampleId, String connectionId) {
        return new ProblemException(ErrorCode.EXAMPLE_NOT_FOUND, "There is no example " + exampleId
                + (connectionId == null ? "" : " of connection " + connectionId) + " for this API key's tenant.");
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ErrorCode.INVALID_REQUEST, detail);
    }
}
