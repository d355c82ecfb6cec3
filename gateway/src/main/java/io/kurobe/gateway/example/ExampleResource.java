package io.kurobe.gateway.example;

import io.kurobe.gateway.auth.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import java.util.List;

@Path("/api/connections/{id}/examples")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "examples")
public class ExampleResource {
    /** JSON Lines, under the names clients send it with. */
    static final String NDJSON = "application/x-ndjson";

    @Inject
    ExampleService examples;

    @Inject
    CallerContext caller;

    @GET
    @Operation(summary = "The connection's examples, newest first",
            description = "{id} is a stored connection's id or a configured one such as demo.")
    public Uni<List<ExampleView>> list(@PathParam("id") String id, @QueryParam("limit") Integer limit) {
        return examples.list(caller.caller(), id, limit);
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON, "application/jsonl", "application/x-jsonlines",
            MediaType.TEXT_PLAIN})
    @Operation(summary = "Load examples from a file",
            description = "A JSON array of {question, sql}, or JSON Lines as the benchmark's questions.jsonl "
                    + "(question, gold_sql; sql or query also read; db_id optional). ?dbId=x takes only the lines "
                    + "of that db_id. Each SQL must pass the SQL guard for the connection; the answer counts the "
                    + "examples loaded and lists every line refused, with why.")
    public Uni<LoadResult> load(@PathParam("id") String id, @QueryParam("dbId") String dbId, String body) {
        return examples.load(caller.caller(), id, body, dbId);
    }

    @DELETE
    @Path("{exampleId}")
    @Operation(summary = "Delete an example (soft: hidden here, and a tombstone on the topic 'examples')")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id, @PathParam("exampleId") String exampleId) {
        return examples.delete(caller.caller(), id, exampleId).map(done -> RestResponse.noContent());
    }
}
