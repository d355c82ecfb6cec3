package io.kurobe.panel.cache;

import io.kurobe.data.ConnectorPool;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidateSelected;
import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.ExecutionOutcome;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.SelectionMethod;
import io.kurobe.panel.PanelService;
import io.kurobe.stage.Decision;
import io.kurobe.stage.testing.DemoDatabaseResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The panel stage's query cache against the machine's Redis at 127.0.0.1:6379, and against a closed port. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(DemoDatabaseResource.class)
class QueryCacheTest {
    private static final String MONTHLY = "SELECT CAST(date_trunc('month', order_date) AS DATE) AS month,"
            + " count(*) AS number_of_orders FROM orders WHERE order_date >= DATE '2024-01-01'"
            + " AND order_date < DATE '2025-01-01' GROUP BY 1 ORDER BY 1";
    private static final int ROW_LIMIT = 1000;

    @Inject
    PanelService service;

    @Inject
    ConnectorPool pool;

    @Inject
    RedisDataSource redis;

    @Inject
    @RedisClientName("closed")
    RedisDataSource closedRedis;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    private final String tenant = "cache-test-" + UUID.randomUUID();
    private final List<String> keys = new ArrayList<>();

    @AfterEach
    void removeTestKeys() {
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
    }

    @Test
    void sameQuestionTwiceIsAnsweredFromTheCacheTheSecondTime() throws Exception {
        double hits = count("kurobe.cache.hits");
        double misses = count("kurobe.cache.misses");

        Decision.Forward<PanelsReady> first = forward(service.answer(selected(MONTHLY, "schema-fp")));
        assertNull(first.event().cachedAt());
        assertFalse(first.message().contains("from cache"), first.message());
        assertTrue(redis.key().exists(key(MONTHLY, "schema-fp")));

        Decision.Forward<PanelsReady> second = forward(service.answer(selected(" " + MONTHLY.replace(" ", "\n  ") + ";",
                "schema-fp")));
        assertNotNull(second.event().cachedAt());
        assertTrue(second.message().matches(".*, from cache, \\d+ s old"), second.message());
        assertEquals(rowsAndKinds(first.event()), rowsAndKinds(second.event()));

        assertEquals(1, count("kurobe.cache.hits") - hits);
        assertEquals(1, count("kurobe.cache.misses") - misses);
        String exposed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metrics.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(exposed.contains("kurobe_cache_hits_total"), exposed);
        assertTrue(exposed.contains("kurobe_cache_misses_total"), exposed);
        assertTrue(exposed.contains("kurobe_cache_errors_total"), exposed);
    }

    @Test
    void redisIsNoPartOfHealthSoAMachineWithoutItStaysUp() throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(metrics.toString().replace("/q/metrics", "/q/health/ready"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        assertFalse(ready.body().toLowerCase().contains("redis"), ready.body());
    }

    @Test
    void cachedAtTravelsInPanelsReadyAndIsAbsentWhenFresh() {
        PanelsReady fresh = forward(service.answer(selected(MONTHLY, "schema-fp"))).event();
        assertFalse(EventJson.write(fresh).contains("cachedAt"), EventJson.write(fresh));
        PanelsReady cached = forward(service.answer(selected(MONTHLY, "schema-fp"))).event();
        PanelsReady read = EventJson.read(EventJson.write(cached), PanelsReady.class);
        assertEquals(cached.cachedAt(), read.cachedAt());
    }

    @Test
    void ageIsTheTimeSinceTheResultWasStored() {
        Instant stored = Instant.parse("2026-11-25T12:00:00Z");
        QueryCache cache = new QueryCache(redis, true, Duration.ofMinutes(1), registry, Clock.fixed(stored, ZoneOffset.UTC));
        new PanelService(pool, ROW_LIMIT, Duration.ofSeconds(30), Clock.fixed(stored, ZoneOffset.UTC), cache)
                .answer(selected(MONTHLY, "schema-fp"));
        PanelService later = new PanelService(pool, ROW_LIMIT, Duration.ofSeconds(30),
                Clock.fixed(stored.plusSeconds(42), ZoneOffset.UTC), cache);

        Decision.Forward<PanelsReady> answer = forward(later.answer(selected(MONTHLY, "schema-fp")));
        assertEquals(stored, answer.event().cachedAt());
        assertTrue(answer.message().endsWith(", from cache, 42 s old"), answer.message());
    }

    @Test
    void anotherSchemaFingerprintIsAMiss() {
        forward(service.answer(selected(MONTHLY, "schema-fp")));
        double misses = count("kurobe.cache.misses");

        PanelsReady changed = forward(service.answer(selected(MONTHLY, "schema-fp-2"))).event();
        assertNull(changed.cachedAt());
        assertEquals(1, count("kurobe.cache.misses") - misses);
        assertNotNull(forward(service.answer(selected(MONTHLY, "schema-fp-2"))).event().cachedAt());
    }

    @Test
    void entryExpiresAfterItsTtl() throws InterruptedException {
        QueryCache shortLived = new QueryCache(redis, true, Duration.ofSeconds(1), registry, Clock.systemUTC());
        PanelService answers = new PanelService(pool, ROW_LIMIT, Duration.ofSeconds(30), Clock.systemUTC(), shortLived);
        String key = key(MONTHLY, "schema-fp");

        assertNull(forward(answers.answer(selected(MONTHLY, "schema-fp"))).event().cachedAt());
        long ttlMs = redis.key().pttl(key);
        assertTrue(ttlMs > 0 && ttlMs <= 1000, "pttl " + ttlMs);
        for (int i = 0; i < 100 && redis.key().exists(key); i++) {
            Thread.sleep(100);
        }
        assertFalse(redis.key().exists(key), "entry outlived its TTL");
        assertNull(forward(answers.answer(selected(MONTHLY, "schema-fp"))).event().cachedAt());
    }

    @Test
    void questionIsAnsweredWhenRedisIsUnreachable() {
        QueryCache unreachable = new QueryCache(closedRedis, true, Duration.ofMinutes(1), registry, Clock.systemUTC());
        PanelService answers = new PanelService(pool, ROW_LIMIT, Duration.ofSeconds(30), Clock.systemUTC(), unreachable);
        double hits = count("kurobe.cache.hits");
        double misses = count("kurobe.cache.misses");
        double errors = count("kurobe.cache.errors");

        PanelsReady ready = forward(answers.answer(selected(MONTHLY, "schema-fp"))).event();
        assertNull(ready.cachedAt());
        assertEquals(12, ready.panels().get(0).rows().size());
        assertEquals(0, count("kurobe.cache.hits") - hits);
        assertEquals(1, count("kurobe.cache.misses") - misses);
        // the lookup and the store both failed
        assertEquals(2, count("kurobe.cache.errors") - errors);
    }

    @Test
    void disabledCacheNeverAnswersNorStores() {
        QueryCache off = new QueryCache(redis, false, Duration.ofMinutes(1), registry, Clock.systemUTC());
        PanelService answers = new PanelService(pool, ROW_LIMIT, Duration.ofSeconds(30), Clock.systemUTC(), off);
        double misses = count("kurobe.cache.misses");

        assertNull(forward(answers.answer(selected(MONTHLY, "schema-fp"))).event().cachedAt());
        assertNull(forward(answers.answer(selected(MONTHLY, "schema-fp"))).event().cachedAt());
        assertFalse(redis.key().exists(key(MONTHLY, "schema-fp")));
        assertEquals(0, count("kurobe.cache.misses") - misses);
    }

    private String key(String sql, String fingerprint) {
        String key = CacheKey.of(tenant, "demo", fingerprint, ROW_LIMIT, sql);
        keys.add(key);
        return key;
    }

    private CandidateSelected selected(String sql, String fingerprint) {
        key(sql, fingerprint);
        Candidate chosen = new Candidate(sql, "simple", 0, ExecutionOutcome.success(1, "fp", 1));
        return new CandidateSelected(new Envelope("q-" + UUID.randomUUID(), tenant, null, "demo", null, null, null, 1),
                "How many orders per month in 2024?", "duckdb", fingerprint, chosen, SelectionMethod.ONLY_CANDIDATE,
                1.0, 1.0, "1 of 1", List.of(), new QuestionOptions(ROW_LIMIT, List.of()));
    }

    /** The panels as JSON without their SQL, which is each question's own text. */
    private static String rowsAndKinds(PanelsReady ready) {
        return EventJson.write(ready.panels().stream().map(p -> List.of(p.kind(), p.columns(), p.rows(), p.truncated()))
                .toList());
    }

    private double count(String name) {
        return registry.counter(name).count();
    }

    @SuppressWarnings("unchecked")
    private static Decision.Forward<PanelsReady> forward(Decision<PanelsReady> decision) {
        return assertInstanceOf(Decision.Forward.class, decision, decision::toString);
    }
}
