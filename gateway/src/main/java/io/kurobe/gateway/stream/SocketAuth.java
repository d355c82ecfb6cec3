package io.kurobe.gateway.stream;

import io.kurobe.gateway.auth.ApiKeys;
import io.kurobe.gateway.auth.Authenticator;
import io.kurobe.gateway.question.QuestionStore;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks a socket before the upgrade: the API key from {@code Authorization: Bearer kb_...} or, for
 * browsers (which cannot set headers on a WebSocket), from the subprotocol {@code bearer.kb_...}
 * offered beside {@code kurobe.v1}. No key or an unknown one gets HTTP 401; a question the key's
 * tenant cannot see gets 404.
 */
@ApplicationScoped
public class SocketAuth implements HttpUpgradeCheck {
    static final UserData.TypedKey<String> TENANT = UserData.TypedKey.forString("kurobe.tenant");
    static final UserData.TypedKey<String> KEY = UserData.TypedKey.forString("kurobe.key");
    private static final Map<String, List<String>> CHALLENGE = Map.of(HttpHeaders.WWW_AUTHENTICATE, List.of("Bearer"));

    @Inject
    Authenticator authenticator;

    @Inject
    QuestionStore store;

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        Optional<String> key = ApiKeys.fromAuthorization(request.getHeader(HttpHeaders.AUTHORIZATION))
                .or(() -> ApiKeys.fromSubprotocols(request.getHeader(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL)));
        if (key.isEmpty()) {
            return CheckResult.rejectUpgrade(401, CHALLENGE);
        }
        Optional<UUID> questionId = uuid(context.pathParam("id"));
        return authenticator.authenticate(key.get()).chain(caller -> {
            if (caller.isEmpty()) {
                return CheckResult.rejectUpgrade(401, CHALLENGE);
            }
            if (questionId.isEmpty()) {
                return CheckResult.rejectUpgrade(404);
            }
            UUID tenantId = caller.get().tenantId();
            return store.exists(tenantId, questionId.get()).chain(exists -> {
                if (!exists) {
                    return CheckResult.rejectUpgrade(404);
                }
                context.userData().put(TENANT, tenantId.toString());
                context.userData().put(KEY, caller.get().keyId().toString());
                return CheckResult.permitUpgrade();
            });
        });
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
