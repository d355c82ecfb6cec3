package io.kurobe.panel.cache;

import io.kurobe.data.QueryResult;

import java.time.Instant;

/** A query result as the cache returns it, with when it was computed. */
public record CachedResult(QueryResult result, Instant storedAt) {
}
