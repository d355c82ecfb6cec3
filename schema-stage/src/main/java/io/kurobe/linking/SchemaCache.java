package io.kurobe.linking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Keeps each connection's introspected schema in memory for a short time; one introspection at a time per connection. */
final class SchemaCache {
    private record Entry(IntrospectedSchema schema, Instant loadedAt) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    SchemaCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    IntrospectedSchema get(String connectionId, Function<String, IntrospectedSchema> introspect) {
        return entries.compute(connectionId, (id, cached) -> {
            Instant now = clock.instant();
            if (cached != null && now.isBefore(cached.loadedAt().plus(ttl))) {
                return cached;
            }
            return new Entry(introspect.apply(id), now);
        }).schema();
    }
}
