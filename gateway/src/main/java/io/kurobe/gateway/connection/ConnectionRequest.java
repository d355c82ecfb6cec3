package io.kurobe.gateway.connection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * POST and PATCH /api/connections. For PATCH, a field left out (or null) keeps its value, and an empty
 * {@code user} or {@code password} clears it. The password is write-only: no response carries it.
 */
public record ConnectionRequest(
        @Schema(example = "sales warehouse",
                description = "unique among the tenant's live connections (409 CONNECTION_NAME_TAKEN)") String name,
        @Schema(enumeration = {"duckdb", "postgres", "trino"}, example = "postgres") String engine,
        @Schema(example = "jdbc:postgresql://db.internal:5432/sales") String jdbcUrl,
        @Schema(example = "analyst") String user,
        @Schema(description = "write-only") String password) {

    @Override
    public String toString() {
        return "ConnectionRequest[name=" + name + ", engine=" + engine + ", jdbcUrl=" + jdbcUrl + ", user=" + user
                + ", password=" + (password == null ? "absent" : "(hidden)") + "]";
    }
}
