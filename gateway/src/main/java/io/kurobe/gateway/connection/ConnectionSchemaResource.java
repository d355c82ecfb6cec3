package io.kurobe.gateway.connection;

import io.kurobe.gateway.auth.CallerContext;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/connections/{id}/schema")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "connections")
public class ConnectionSchemaResource {
    @Inject
    ConnectionSchemas schemas;

    @Inject
    CallerContext caller;

    @GET
    @Operation(summary = "The connection's schema snapshot",
            description = "Tables, columns, keys and the M-Schema the pipeline uses; introspected when none is cached. "
                    + "{id} is a stored connection's id or a configured one such as demo.")
    public Uni<SchemaView> get(@PathParam("id") String id) {
        return schemas.get(caller.caller(), id);
    }

    @POST
    @Path("refresh")
    @Operation(summary = "Introspect the connection now", description = "Replaces the cached snapshot; the schema stage "
            + "uses it once its in-memory copy expires (kurobe.schema.cache-ttl).")
    public Uni<SchemaRefreshed> refresh(@PathParam("id") String id) {
        return schemas.refresh(caller.caller(), id);
    }
}
