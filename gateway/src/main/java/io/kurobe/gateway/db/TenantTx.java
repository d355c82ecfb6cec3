package io.kurobe.gateway.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;
import java.util.function.Function;

/**
 * Runs work in a transaction that sees one tenant's rows only. The tenant is set with
 * {@code set_config(..., true)}, local to the transaction, so a pooled connection never carries
 * one tenant's setting into the next transaction.
 */
@ApplicationScoped
public class TenantTx {
    @Inject
    Pool pool;

    public <T> Uni<T> run(UUID tenantId, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT set_config('app.current_tenant', $1, true)")
                .execute(Tuple.of(tenantId.toString()))
                .chain(() -> work.apply(connection)));
    }
}
