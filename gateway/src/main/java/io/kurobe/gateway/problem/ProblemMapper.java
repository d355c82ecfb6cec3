package io.kurobe.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.kurobe.model.EventJson;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where failures become RFC 7807 problem responses. */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(Problem.of(e.code(), e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(ErrorCode.INVALID_REQUEST,
                "The request body is not valid JSON for this operation: " + e.getOriginalMessage(), path(uri)));
    }

    /** Quarkus has its own mapper for a field of the wrong type; this one answers with a problem instead. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException) {
            return unreadableJson((JsonProcessingException) e.getCause(), uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ErrorCode code = ErrorCode.forStatus(status);
        String detail = e.getMessage() == null ? code.title() : e.getMessage();
        return respond(new Problem(code.type(), code.title(), status, detail, code.name(), path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "request %s failed", path(uri));
        return respond(Problem.of(ErrorCode.INTERNAL, "The request failed; the gateway's log has the details.", path(uri)));
    }

    static Response respond(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(EventJson.write(problem));
        if (problem.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
