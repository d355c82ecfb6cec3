package io.kurobe.gateway.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Finds the tenant of an API key. The tenant is not known yet, so row-level security would hide
 * every key: the lookup goes through a SECURITY DEFINER function that only answers for one hash.
 */
@ApplicationScoped
public class Authenticator {
    @Inject
    Pool pool;

    public Uni<Optional<Caller>> authenticate(String key) {
        if (!ApiKeys.wellFormed(key)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery("SELECT tenant_id, key_id FROM kurobe_api_key_owner($1)")
                .execute(Tuple.of(ApiKeys.hash(key)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Caller(row.getUUID("tenant_id"), row.getUUID("key_id")));
                });
    }
}
