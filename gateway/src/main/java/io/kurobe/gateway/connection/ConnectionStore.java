package io.kurobe.gateway.connection;

import io.kurobe.data.Engine;
import io.kurobe.data.stored.SecretBox;
import io.kurobe.gateway.db.TenantTx;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The tenant's stored connections; every statement runs under that tenant's row-level security. */
@ApplicationScoped
public class ConnectionStore {
    /** The unique index (V3) on a tenant's live connection names. */
    static final String UNIQUE_NAME = "connections_tenant_name";
    private static final String COLUMNS =
            "id, tenant_id, name, engine, jdbc_url, username, password_sealed, password_key_id, created_at, updated_at";

    @Inject
    TenantTx tx;

    public Uni<StoredConnection> insert(StoredConnection c) {
        return tx.run(c.tenantId(), connection -> connection.preparedQuery("INSERT INTO connections (id, tenant_id, name, "
                        + "engine, jdbc_url, username, password_sealed, password_key_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                        + "RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(c.id(), c.tenantId(), c.name(), engineName(c.engine()), c.jdbcUrl(),
                        c.user(), sealedBytes(c.password()), keyId(c.password()))))
                .map(rows -> read(rows.iterator().next())));
    }

    public Uni<List<StoredConnection>> list(UUID tenantId) {
        return tx.run(tenantId, connection -> connection.preparedQuery("SELECT " + COLUMNS
                        + " FROM connections WHERE deleted_at IS NULL ORDER BY created_at DESC, id")
                .execute()
                .map(rows -> {
                    List<StoredConnection> all = new ArrayList<>();
                    for (Row row : rows) {
                        all.add(read(row));
                    }
                    return all;
                }));
    }

    public Uni<Optional<StoredConnection>> find(UUID tenantId, UUID id) {
        return tx.run(tenantId, connection -> find(connection, id, false));
    }

    /** Reads the row locked, lets {@code change} decide its new state, and writes that back in one transaction. */
    public Uni<Optional<StoredConnection>> update(UUID tenantId, UUID id, Function<StoredConnection, StoredConnection> change) {
        return tx.run(tenantId, connection -> find(connection, id, true).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<StoredConnection>empty());
            }
            StoredConnection c = change.apply(found.get());
            return connection.preparedQuery("UPDATE connections SET name = $2, engine = $3, jdbc_url = $4, username = $5, "
                            + "password_sealed = $6, password_key_id = $7, updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                    .execute(Tuple.from(Arrays.asList(id, c.name(), engineName(c.engine()), c.jdbcUrl(), c.user(),
                            sealedBytes(c.password()), keyId(c.password()))))
                    .map(rows -> Optional.of(read(rows.iterator().next())));
        }));
    }

    /** Soft delete; false when there is no such live connection for the tenant. */
    public Uni<Boolean> delete(UUID tenantId, UUID id) {
        return tx.run(tenantId, connection -> connection.preparedQuery(
                        "UPDATE connections SET deleted_at = now(), updated_at = now() WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0));
    }

    /** Whether a write failed because the tenant has another live connection with the same name. */
    static boolean nameTaken(Throwable failure) {
        return failure instanceof PgException && "23505".equals(((PgException) failure).getSqlState())
                && UNIQUE_NAME.equals(((PgException) failure).getConstraint());
    }

    private static Uni<Optional<StoredConnection>> find(SqlConnection connection, UUID id, boolean forUpdate) {
        return connection.preparedQuery("SELECT " + COLUMNS + " FROM connections WHERE id = $1 AND deleted_at IS NULL"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.<StoredConnection>empty() : Optional.of(read(rows.iterator().next())));
    }

    private static StoredConnection read(Row row) {
        String keyId = row.getString("password_key_id");
        SecretBox.Sealed password = keyId == null ? null
                : new SecretBox.Sealed(keyId, row.getBuffer("password_sealed").getBytes());
        return new StoredConnection(row.getUUID("id"), row.getUUID("tenant_id"), row.getString("name"),
                Engine.valueOf(row.getString("engine").toUpperCase(Locale.ROOT)), row.getString("jdbc_url"),
                row.getString("username"), password, instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static String engineName(Engine engine) {
        return engine.name().toLowerCase(Locale.ROOT);
    }

    private static Buffer sealedBytes(SecretBox.Sealed sealed) {
        return sealed == null ? null : Buffer.buffer(sealed.bytes());
    }

    private static String keyId(SecretBox.Sealed sealed) {
        return sealed == null ? null : sealed.keyId();
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
