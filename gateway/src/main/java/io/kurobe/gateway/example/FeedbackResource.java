package io.kurobe.gateway.example;

import io.kurobe.gateway.auth.CallerContext;
import io.kurobe.gateway.problem.ErrorCode;
import io.kurobe.gateway.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

@Path("/api/questions/{id}/feedback")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "examples")
public class FeedbackResource {
    @Inject
    ExampleService examples;

    @Inject
    CallerContext caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Judge a question's answer",
            description = "{\"correct\": true} makes the answered question and its SQL an example of the connection; "
                    + "{\"correct\": false, \"sql\": \"...\"} makes the corrected SQL one, once the SQL guard accepts "
                    + "it (400 SQL_REFUSED otherwise); {\"correct\": false} alone removes the question's example. A "
                    + "question has at most one example: new feedback replaces it. 409 QUESTION_NOT_ANSWERED unless "
                    + "the question is DONE.")
    public Uni<RestResponse<FeedbackView>> feedback(@PathParam("id") String id, FeedbackRequest request) {
        return examples.feedback(caller.caller(), questionId(id), request)
                .map(view -> RestResponse.status(RestResponse.Status.CREATED, view));
    }

    private static UUID questionId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.QUESTION_NOT_FOUND,
                    "There is no question " + id + " for this API key's tenant.");
        }
    }
}
