package io.kurobe.linking;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Engine;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.model.Envelope;
import io.kurobe.model.IntentClass;
import io.kurobe.model.IntentValidated;
import io.kurobe.model.SchemaLinked;
import io.kurobe.stage.Decision;
import io.kurobe.stage.testing.DemoDb;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A schema's embeddings kept in the machine's Redis (127.0.0.1:6379): a second linker, as a restarted or second
 * replica would be, reads them and embeds nothing of the schema; with Redis down linking still works from memory.
 * The demo schema is linked down here ({@code full-schema-max-tables=0}) so that it is embedded. A plain test with
 * Quarkus' Redis data source made by hand: the embedding model's native tokenizer can be loaded by one class loader
 * of the JVM only, and the other linking tests load it from the plain test class path.
 */
class EmbeddingCacheTest {
    private static final LinkingPolicy.Limits SUBSET = new LinkingPolicy.Limits(0, 0, 2, 12, 3);
    private static final String QUESTION = "How many orders did each customer place?";

    private static Vertx vertx;
    private static RedisDataSource redis;
    /** A Redis client on a port nothing listens on. */
    private static RedisDataSource closedRedis;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = dataSource("redis://127.0.0.1:6379");
        closedRedis = dataSource("redis://127.0.0.1:1");
    }

    @AfterAll
    static void disconnect() {
        vertx.closeAndAwait();
    }

    private static RedisDataSource dataSource(String url) {
        Redis client = Redis.createClient(vertx, url);
        return new BlockingRedisDataSourceImpl(vertx, client, RedisAPI.api(client), Duration.ofSeconds(2));
    }

    private ConnectorPool pool;
    private String key;
    private long distinctTexts;

    @BeforeEach
    void open() {
        pool = new ConnectorPool(Map.of("demo", new ConnectionSpec("demo", Engine.DUCKDB, DemoDb.jdbcUrl(), null, null)));
        SchemaSnapshot snapshot = pool.connector("demo").introspect();
        key = EmbeddingStore.key(snapshot, EmbeddingIndex.texts(snapshot));
        distinctTexts = new HashSet<>(EmbeddingIndex.texts(snapshot)).size();
        redis.key().del(key);
    }

    @AfterEach
    void close() {
        redis.key().del(key);
        pool.close();
    }

    @Test
    void aSecondLinkerReadsTheSchemasEmbeddingsFromRedisAndEmbedsNothingOfIt() {
        ColumnRetriever first = new ColumnRetriever(new EmbeddingStore(redis, Duration.ofMinutes(10)));
        SchemaLinked byFirst = link(first);
        assertEquals(distinctTexts, first.schemaTextsEmbedded(), "each distinct text of the tables and columns embedded once");
        byte[] stored = redis.value(String.class, byte[].class).get(key);
        assertNotNull(stored, "the embeddings were kept in Redis under " + key);
        assertEquals(12 + 4 * 384 * EmbeddingIndex.texts(pool.connector("demo").introspect()).size(), stored.length,
                "a 384-float vector per table and per column");
        assertTrue(redis.key().pttl(key) > 0, "the entry expires");

        ColumnRetriever second = new ColumnRetriever(new EmbeddingStore(redis, Duration.ofMinutes(10)));
        SchemaLinked bySecond = link(second);
        assertEquals(0, second.schemaTextsEmbedded(), "read from Redis, not embedded again");
        assertEquals(byFirst.tables(), bySecond.tables(), "the same vectors link the same tables with the same scores");
        assertEquals(byFirst.mschema(), bySecond.mschema());
    }

    @Test
    void withRedisDownTheSchemaIsEmbeddedAndKeptInMemory() {
        ColumnRetriever retriever = new ColumnRetriever(new EmbeddingStore(closedRedis, Duration.ofMinutes(10)));
        SchemaLinkerFixture linker = new SchemaLinkerFixture(pool, retriever);
        SchemaLinked linked = linker.link();
        assertEquals(distinctTexts, retriever.schemaTextsEmbedded());
        assertTrue(linked.tables().stream().anyMatch(t -> t.name().equals("orders")), linked.tables()::toString);
        linker.link();
        assertEquals(distinctTexts, retriever.schemaTextsEmbedded(), "the second question reuses the memory copy");
    }

    private SchemaLinked link(ColumnRetriever retriever) {
        return new SchemaLinkerFixture(pool, retriever).link();
    }

    /** A linker of its own, as a restarted or second replica has, over the same connection. */
    private record SchemaLinkerFixture(ConnectorPool pool, ColumnRetriever retriever) {
        SchemaLinked link() {
            SchemaLinker linker = new SchemaLinker(pool, Duration.ofMinutes(5), Clock.systemUTC(),
                    new LinkingPolicy(SUBSET, retriever));
            IntentValidated intent = new IntentValidated(new Envelope("q-embed", "t", null, "demo", null, null, null, 1),
                    QUESTION, QUESTION, IntentClass.ANSWERABLE, List.of(), null, null, null);
            Decision<SchemaLinked> decision = linker.link(intent);
            assertInstanceOf(Decision.Forward.class, decision, decision::toString);
            return ((Decision.Forward<SchemaLinked>) decision).event();
        }
    }
}
