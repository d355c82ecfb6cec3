package io.kurobe.gateway.question;

import io.kurobe.gateway.auth.CallerContext;
import io.kurobe.gateway.problem.ErrorCode;
import io.kurobe.gateway.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/questions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "questions")
public class QuestionResource {
    @Inject
    QuestionService questions;

    @Inject
    QuestionStore store;

    @Inject
    QuestionsConfig config;

    @Inject
    CallerContext caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask a question",
            description = "Stores the question and hands it to the pipeline; follow it at the Location, "
                    + "or live at /ws/questions/{id}.")
    public Uni<RestResponse<QuestionAccepted>> ask(AskRequest request) {
        return questions.ask(caller.caller(), request).map(QuestionResource::accepted);
    }

    @POST
    @Path("{id}/clarification")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a question that asked back",
            description = "The answer (one of the clarification's options, or free text) becomes a new question in "
                    + "the same conversation, rewritten with the question it answers; follow it like any question. "
                    + "409 NOT_AWAITING_CLARIFICATION when the question is not waiting for an answer.")
    public Uni<RestResponse<QuestionAccepted>> clarify(@PathParam("id") String id, ClarificationRequest request) {
        return questions.clarify(caller.caller(), questionId(id), request).map(QuestionResource::accepted);
    }

    static RestResponse<QuestionAccepted> accepted(QuestionAccepted accepted) {
        return RestResponse.ResponseBuilder
                .create(RestResponse.Status.ACCEPTED, accepted)
                .location(URI.create("/api/questions/" + accepted.id()))
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A question's status, progress events in order, SQL, panels or error")
    public Uni<QuestionView> get(@PathParam("id") String id) {
        UUID questionId = questionId(id);
        return store.find(caller.caller().tenantId(), questionId)
                .map(found -> found.map(QuestionView::of).orElseThrow(() -> notFound(id)));
    }

    @GET
    @Operation(summary = "The most recent questions of the API key's tenant, newest first")
    public Uni<List<QuestionSummary>> recent(@QueryParam("limit") Integer limit) {
        int size = limit == null || limit < 1 ? config.listLimit() : Math.min(limit, config.listLimit());
        return store.recent(caller.caller().tenantId(), size);
    }

    private static UUID questionId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    static ProblemException notFound(String id) {
        return new ProblemException(ErrorCode.QUESTION_NOT_FOUND,
                "There is no question " + id + " for this API key's tenant.");
    }
}
