package io.kurobe.linking;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryResult;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.generation.CandidateHub;
import io.kurobe.generation.offline.OfflineEngine;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.Envelope;
import io.kurobe.model.IntentClass;
import io.kurobe.model.IntentValidated;
import io.kurobe.model.LinkedTable;
import io.kurobe.model.SchemaLinked;
import io.kurobe.stage.Decision;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 5's acceptance on large schemas: a PostgreSQL database of over a thousand tables, made of the benchmark's
 * public databases loaded sixteen times under prefixed schemas ({@code academic_01} … {@code car_dealership_16}) and
 * a small hand-made {@code observatory} schema, is introspected through the PostgreSQL connector, a question is
 * linked to a few tables including the ones it needs, and the candidate stage's offline engine answers it from the
 * linked subset. The database is built once and kept while its build tag (a hash of the scripts and of this
 * layout) is unchanged, so later runs only introspect. The schema's embeddings go to the machine's Redis, where a
 * second linker, as a second replica would, reads them instead of embedding the schema again.
 */
class LargeSchemaLinkingTest {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String USER = "postgres";
    static final String DB = "kurobe_linking_1000";
    static final int COPIES = 16;
    private static final Path BENCH_SQL = Path.of(System.getProperty("kurobe.bench.dir", "../../shared/bench/public"), "sql");
    private static final String OBSERVATORY = """
            CREATE SCHEMA observatory;
            CREATE TABLE observatory.astronomer (astronomer_id integer PRIMARY KEY, full_name text NOT NULL,
                home_institute text);
            COMMENT ON TABLE observatory.astronomer IS 'people who observe';
            CREATE TABLE observatory.telescope (telescope_id integer PRIMARY KEY, telescope_name text NOT NULL,
                aperture_m numeric(5,2), site text);
            CREATE TABLE observatory.celestial_object (object_id integer PRIMARY KEY, object_name text NOT NULL,
                object_kind text, constellation text);
            CREATE TABLE observatory.observation (observation_id integer PRIMARY KEY,
                telescope_id integer REFERENCES observatory.telescope, astronomer_id integer REFERENCES observatory.astronomer,
                object_id integer REFERENCES observatory.celestial_object, observed_on date, exposure_seconds integer);
            COMMENT ON TABLE observatory.observation IS 'one exposure of a celestial object';
            INSERT INTO observatory.astronomer VALUES (1, 'Vera Rubin', 'Carnegie'), (2, 'Edwin Hubble', 'Mount Wilson'),
                (3, 'Henrietta Leavitt', 'Harvard');
            INSERT INTO observatory.telescope VALUES (1, 'Hale', 5.08, 'Palomar'), (2, 'Keck II', 10.0, 'Mauna Kea'),
                (3, 'Hooker', 2.5, 'Mount Wilson');
            INSERT INTO observatory.celestial_object VALUES (1, 'Andromeda', 'galaxy', 'Andromeda'),
                (2, 'Vega', 'star', 'Lyra'), (3, 'Crab Nebula', 'nebula', 'Taurus'), (4, 'Sirius', 'star', 'Canis Major');
            INSERT INTO observatory.observation
            SELECT n, 1 + n % 3, 1 + n % 3 * (n % 2), 1 + n % 4, DATE '2024-01-01' + n, 30 * (1 + n % 5)
            FROM generate_series(1, 120) AS n;
            """;

    private static ConnectorPool pool;
    private static SchemaLinker linker;
    private static Vertx vertx;
    private static RedisDataSource redis;
    private static EmbeddingStore store;
    private static String embeddingsKey;

    @BeforeAll
    static void buildDatabase() throws Exception {
        assumeTrue(postgresAnswers(), "PostgreSQL does not answer on " + HOST + ":" + PORT);
        assumeTrue(Files.isDirectory(BENCH_SQL), "benchmark scripts " + BENCH_SQL.toAbsolutePath()
                + " are absent; set -Dkurobe.bench.dir");
        long started = System.nanoTime();
        boolean built = ensureDatabase();
        System.out.printf("large schema: database %s %s in %d ms%n", DB, built ? "built" : "reused",
                (System.nanoTime() - started) / 1_000_000);
        pool = new ConnectorPool(Map.of("big", new ConnectionSpec("big", Engine.POSTGRES, url(DB), USER, "")));
        vertx = Vertx.vertx();
        Redis client = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        redis = new BlockingRedisDataSourceImpl(vertx, client, RedisAPI.api(client), Duration.ofSeconds(5));
        store = new EmbeddingStore(redis, Duration.ofMinutes(30));
        SchemaSnapshot snapshot = pool.connector("big").introspect();
        embeddingsKey = EmbeddingStore.key(snapshot, EmbeddingIndex.texts(snapshot));
        redis.key().del(embeddingsKey); // the first question embeds the schema, as a first start would
        linker = new SchemaLinker(pool, Duration.ofMinutes(30), Clock.systemUTC(),
                new LinkingPolicy(LinkingPolicy.Limits.DEFAULTS, new ColumnRetriever(store)));
    }

    @AfterAll
    static void close() {
        if (redis != null) {
            redis.key().del(embeddingsKey);
        }
        if (vertx != null) {
            vertx.closeAndAwait();
        }
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void linksAQuestionOverAThousandTablesAndTheOfflineEngineAnswersIt() {
        long started = System.nanoTime();
        SchemaLinked linked = link("How many observations were made with the telescope Keck II?");
        long first = System.nanoTime() - started;

        List<String> tables = linked.tables().stream().map(LinkedTable::name).toList();
        assertTrue(tables.contains("observatory.observation"), tables::toString);
        assertTrue(tables.contains("observatory.telescope"), tables::toString);
        assertTrue(tables.size() <= 12, "a handful of tables, not the schema: " + tables);
        assertTrue(linked.mschema().contains("# Table: observatory.observation"), linked.mschema());
        assertTrue(linked.mschema().contains("observatory.observation.telescope_id=observatory.telescope.telescope_id"),
                linked.mschema());
        assertTrue(linked.values().stream().anyMatch(v -> v.value().equals("Keck II")), linked.values()::toString);

        started = System.nanoTime();
        SchemaLinked again = link("Which astronomer observed the galaxy Andromeda most often?");
        long cached = System.nanoTime() - started;
        List<String> againTables = again.tables().stream().map(LinkedTable::name).toList();
        assertTrue(againTables.containsAll(List.of("observatory.astronomer", "observatory.observation",
                "observatory.celestial_object")), againTables::toString);
        System.out.printf("large schema: first question linked in %d ms (introspection, value index, embeddings),"
                        + " the next once cached in %d ms; kept %s%n", first / 1_000_000, cached / 1_000_000,
                againTables);

        CandidateHub hub = new CandidateHub(List.of(new OfflineEngine()), pool, Duration.ofSeconds(30), Clock.systemUTC());
        Decision<CandidatesGenerated> generated = hub.generate(linked);
        assertInstanceOf(Decision.Forward.class, generated, generated::toString);
        Candidate candidate = ((Decision.Forward<CandidatesGenerated>) generated).event().candidates().get(0);
        assertTrue(candidate.outcome().ok(), candidate::toString);
        QueryResult answer = pool.connector("big").execute(candidate.sql(), ExecutionLimits.DEFAULT);
        QueryResult expected = pool.connector("big").execute("SELECT count(*) FROM observatory.observation o"
                + " JOIN observatory.telescope t ON t.telescope_id = o.telescope_id WHERE t.telescope_name = 'Keck II'",
                ExecutionLimits.DEFAULT);
        assertEquals(1, answer.rows().size(), candidate.sql());
        assertEquals(String.valueOf(expected.rows().get(0).get(0)), String.valueOf(answer.rows().get(0).get(0)),
                candidate.sql());
    }

    @Test
    void theSchemaIsLargeAndTheLinkedShareSmall() {
        SchemaLinked linked = link("What is the aperture of each telescope?");
        int kept = linked.tables().stream().mapToInt(t -> t.columns().size()).sum();
        long started = System.nanoTime();
        long tables = pool.connector("big").introspect().tables().size();
        System.out.printf("large schema: introspection of %d tables through the PostgreSQL connector in %d ms%n",
                tables, (System.nanoTime() - started) / 1_000_000);
        assertTrue(tables >= 1000, tables + " tables");
        assertTrue(kept < 100, kept + " columns kept");
        assertEquals("observatory.telescope", linked.tables().get(0).name(), linked.tables()::toString);
        assertTrue(linked.tables().get(0).columns().contains("aperture_m"), linked.tables()::toString);
        assertFalse(linked.mschema().contains("academic_01.author"), "an unrelated table is left out");
    }

    @Test
    void aSecondReplicaReadsTheThousandTablesEmbeddingsFromRedis() {
        SchemaLinked first = link("Which telescope sits on Mauna Kea?");
        ColumnRetriever replica = new ColumnRetriever(store);
        SchemaLinker second = new SchemaLinker(pool, Duration.ofMinutes(30), Clock.systemUTC(),
                new LinkingPolicy(LinkingPolicy.Limits.DEFAULTS, replica));
        long started = System.nanoTime();
        SchemaLinked again = link(second, "Which telescope sits on Mauna Kea?");
        System.out.printf("large schema: a second linker linked its first question in %d ms, the embeddings read"
                + " from Redis (%d bytes)%n", (System.nanoTime() - started) / 1_000_000,
                redis.value(String.class, byte[].class).get(embeddingsKey).length);
        assertEquals(0, replica.schemaTextsEmbedded(), "no text of the 1,028 tables embedded again");
        assertEquals(first.tables(), again.tables());
    }

    private static SchemaLinked link(String question) {
        return link(linker, question);
    }

    private static SchemaLinked link(SchemaLinker linker, String question) {
        IntentValidated intent = new IntentValidated(new Envelope("q-big", "t", null, "big", null, null, null, 1),
                question, question, IntentClass.ANSWERABLE, List.of(), null, null, null);
        Decision<SchemaLinked> decision = linker.link(intent);
        assertInstanceOf(Decision.Forward.class, decision, decision::toString);
        System.out.println("large schema: '" + question + "': " + ((Decision.Forward<SchemaLinked>) decision).message());
        return ((Decision.Forward<SchemaLinked>) decision).event();
    }

    /** Builds the database unless one with the same build tag is there; true when it was built. */
    static boolean ensureDatabase() throws IOException, SQLException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(BENCH_SQL)) {
            scripts = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        String tag = buildTag(scripts);
        try (Connection admin = connect("postgres");
             Statement s = admin.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                    + " WHERE datname = '" + DB + "'")) {
                if (rs.next() && tag.equals(rs.getString(1))) {
                    return false;
                }
            }
            s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DB);
        }
        List<String> schemas = new ArrayList<>();
        try (Connection db = connect(DB); Statement s = db.createStatement()) {
            s.execute(OBSERVATORY);
            schemas.add("observatory");
            for (int copy = 1; copy <= COPIES; copy++) {
                for (Path script : scripts) {
                    String name = script.getFileName().toString().replace(".sql", "") + String.format("_%02d", copy);
                    s.execute("CREATE SCHEMA " + name + "; SET search_path TO " + name + ";\n"
                            + Files.readString(script).replaceAll("\\bpublic\\.", name + "."));
                    schemas.add(name);
                }
            }
            s.execute("ANALYZE");
            s.execute("ALTER DATABASE " + DB + " SET search_path TO " + String.join(", ", schemas));
            s.execute("COMMENT ON DATABASE " + DB + " IS '" + tag + "'");
        }
        return true;
    }

    private static String buildTag(List<Path> scripts) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((OBSERVATORY + COPIES).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (Path script : scripts) {
                digest.update(script.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(script));
            }
            return "kurobe linking test " + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /** Straight through the driver: after a Quarkus test, DriverManager may not see the driver from here. */
    static Connection connect(String database) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", USER);
        Connection connection = new org.postgresql.Driver().connect(url(database), properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not take " + url(database));
        }
        return connection;
    }

    static boolean postgresAnswers() {
        try (Connection c = connect("postgres")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
