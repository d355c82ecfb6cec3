package io.kurobe.gateway.connection;

import java.time.Instant;

/**
 * POST /api/connections/{id}/schema/refresh: the new snapshot's fingerprint, how many tables it holds, how long the
 * introspection took, and whether Redis now holds it (false while Redis is unreachable).
 */
public record SchemaRefreshed(String connectionId, String fingerprint, int tables, long tookMs, Instant takenAt,
                              boolean stored) {
}
