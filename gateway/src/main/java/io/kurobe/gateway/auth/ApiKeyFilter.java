package io.kurobe.gateway.auth;

import io.kurobe.gateway.problem.ErrorCode;
import io.kurobe.gateway.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every /api call carries {@code Authorization: Bearer kb_...} of a known key; anything else is 401. */
public class ApiKeyFilter {
    static final String MISSING = "Send an API key as 'Authorization: Bearer kb_...'.";
    static final String UNKNOWN = "The API key is not known, or it was revoked.";

    @Inject
    Authenticator authenticator;

    @Inject
    CallerContext context;

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api")) {
            return Uni.createFrom().voidItem();
        }
        String key = ApiKeys.fromAuthorization(request.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse(null);
        if (key == null) {
            return Uni.createFrom().failure(new ProblemException(ErrorCode.UNAUTHORIZED, MISSING));
        }
        return authenticator.authenticate(key)
                .map(caller -> caller.orElseThrow(() -> new ProblemException(ErrorCode.UNAUTHORIZED, UNKNOWN)))
                .invoke(context::set)
                .replaceWithVoid();
    }
}
