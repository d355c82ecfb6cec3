package io.kurobe.linking;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class SchemaCacheTest {
    private final MovableClock clock = new MovableClock();
    private final AtomicInteger introspections = new AtomicInteger();
    private final SchemaCache cache = new SchemaCache(Duration.ofMinutes(5), clock);

    @Test
    void reusesTheSchemaWithinItsTimeToLive() {
        IntrospectedSchema first = cache.get("demo", this::introspect);
        clock.advance(Duration.ofMinutes(4));
        assertSame(first, cache.get("demo", this::introspect));
        assertEquals(1, introspections.get());
    }

    @Test
    void readsTheSchemaAgainOnceExpired() {
        cache.get("demo", this::introspect);
        clock.advance(Duration.ofMinutes(5));
        cache.get("demo", this::introspect);
        assertEquals(2, introspections.get());
    }

    @Test
    void keepsOneEntryPerConnection() {
        cache.get("demo", this::introspect);
        cache.get("sales", this::introspect);
        cache.get("demo", this::introspect);
        assertEquals(2, introspections.get());
    }

    private IntrospectedSchema introspect(String id) {
        introspections.incrementAndGet();
        return new IntrospectedSchema(null, "【DB_ID】 " + id, null);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
