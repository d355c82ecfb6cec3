package io.kurobe.gateway.connection;

import io.kurobe.gateway.auth.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/connections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "connections")
public class ConnectionResource {
    @Inject
    ConnectionService connections;

    @Inject
    CallerContext caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a connection", description = "The password is sealed with AES-GCM and never returned.")
    public Uni<RestResponse<ConnectionView>> create(ConnectionRequest request) {
        return connections.create(caller.caller(), request)
                .map(created -> RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, created)
                        .location(URI.create("/api/connections/" + created.id()))
                        .build());
    }

    @GET
    @Operation(summary = "The tenant's stored connections, newest first")
    public Uni<List<ConnectionView>> list() {
        return connections.list(caller.caller());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One stored connection")
    public Uni<ConnectionView> get(@PathParam("id") String id) {
        return connections.get(caller.caller(), id(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a connection", description = "Fields left out keep their value; an empty user or "
            + "password clears it.")
    public Uni<ConnectionView> update(@PathParam("id") String id, ConnectionRequest request) {
        return connections.update(caller.caller(), id(id), request);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a connection (soft: it is hidden, not erased)")
    public Uni<RestResponse<Void>> delete(@PathParam("id") String id) {
        return connections.delete(caller.caller(), id(id)).map(done -> RestResponse.noContent());
    }

    @POST
    @Path("{id}/test")
    @Operation(summary = "Try a connection: latency and server version, or why it cannot be reached")
    public Uni<ConnectionTestResult> test(@PathParam("id") String id) {
        return connections.test(caller.caller(), id(id));
    }

    private static UUID id(String id) {
        return ConnectionService.uuid(id).orElseThrow(() -> ConnectionService.notFound(id));
    }
}
