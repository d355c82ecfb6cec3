package io.kurobe.gateway.example;

import io.kurobe.gateway.support.Pipeline;
import io.kurobe.gateway.support.Tenants;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.EventJson;
import io.kurobe.model.QueryExample;
import io.kurobe.model.Topics;
import io.kurobe.snapshots.SnapshotKey;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Loading, listing and deleting a connection's examples, on a stored DuckDB connection made for each test. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ExampleLoadTest {
    /** Spider's layout: one object a line with db_id, question and gold_sql. */
    static final String QUESTIONS = String.join("\n",
            "{\"id\": \"q0\", \"db_id\": \"concert_singer\", \"question\": \"How many singers do we have?\", "
                    + "\"gold_sql\": \"SELECT count(*) FROM singer\", \"difficulty\": \"easy\"}",
            "{\"id\": \"q1\", \"db_id\": \"concert_singer\", \"question\": \"broken",
            "{\"id\": \"q2\", \"db_id\": \"concert_singer\", \"question\": \"Remove the singers\", "
                    + "\"gold_sql\": \"DELETE FROM singer\"}",
            "{\"id\": \"q3\", \"db_id\": \"pets_1\", \"question\": \"How many pets are there?\", "
                    + "\"gold_sql\": \"SELECT count(*) FROM pets\"}",
            "",
            "{\"id\": \"q5\", \"db_id\": \"concert_singer\", \"question\": \"Show the names of all singers.\", "
                    + "\"sql\": \"SELECT name FROM singer\"}",
            "{\"id\": \"q6\", \"db_id\": \"concert_singer\", \"question\": \"What is the average age?\"}",
            "");

    @TempDir
    static Path files;

    @Inject
    RedisDataSource redis;

    private final List<SnapshotKey> keys = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        Tenants.ensure("other", Tenants.OTHER_KEY);
    }

    @AfterEach
    void forgetSchemas() {
        for (SnapshotKey key : keys) {
            redis.key().del(key.snapshot(), key.checked());
        }
    }

    @Test
    void aQuestionsFileLoadsLineByLineAndReportsEveryLineItRefused() {
        String connection = singers();

        Response loaded = load(connection, QUESTIONS, "application/x-ndjson", "concert_singer");
        loaded.then().statusCode(200)
                .body("connectionId", equalTo(connection))
                .body("loaded", equalTo(2))
                .body("duplicates", equalTo(0))
                .body("skipped", equalTo(1))
                .body("refused.line", equalTo(List.of(2, 3, 7)))
                .body("refused[0].reason", containsString("not a JSON object"))
                .body("refused[1].reason", containsString("DELETE"))
                .body("refused[2].reason", containsString("no SQL"));

        List<Map<String, Object>> listed = as(Tenants.DEMO_KEY).get("/api/connections/" + connection + "/examples")
                .then().statusCode(200).body("$", hasSize(2)).extract().jsonPath().getList("$");
        String tenantId = Tenants.idOf("demo").toString();
        for (Map<String, Object> example : listed) {
            assertEquals("bulk", example.get("source"));
            String key = QueryExample.key(tenantId, connection, (String) example.get("id"));
            QueryExample published = EventJson.read(Pipeline.records(Topics.EXAMPLES, key, 1, Duration.ofSeconds(30))
                    .get(0).value(), QueryExample.class);
            assertEquals(example.get("question"), published.question());
            assertEquals(example.get("sql"), published.sql());
            assertEquals(QueryExample.BULK, published.source());
            assertNull(published.questionId());
        }

        load(connection, QUESTIONS, "application/x-ndjson", "concert_singer").then().statusCode(200)
                .body("loaded", equalTo(0))
                .body("duplicates", equalTo(2));
        load(connection, QUESTIONS, "application/x-ndjson", null).then().statusCode(200)
                .body("loaded", equalTo(0))
                .body("skipped", equalTo(0))
                .body("refused.line", equalTo(List.of(2, 3, 4, 7)))
                .body("refused[2].reason", containsString("pets"));
    }

    @Test
    void aJsonArrayLoadsTooAndTheNewestExampleIsListedFirst() {
        String connection = singers();
        load(connection, QUESTIONS, "application/x-ndjson", "concert_singer").then().statusCode(200)
                .body("loaded", equalTo(2));

        String array = "[{\"question\": \"Who is the oldest singer?\", "
                + "\"sql\": \"SELECT name FROM singer ORDER BY age DESC LIMIT 1\"}, 42]";
        load(connection, array, "application/json", null).then().statusCode(200)
                .body("loaded", equalTo(1))
                .body("refused.line", equalTo(List.of(2)));

        as(Tenants.DEMO_KEY).get("/api/connections/" + connection + "/examples").then().statusCode(200)
                .body("$", hasSize(3))
                .body("[0].question", equalTo("Who is the oldest singer?"));
        as(Tenants.DEMO_KEY).get("/api/connections/" + connection + "/examples?limit=1").then().statusCode(200)
                .body("$", hasSize(1));
    }

    @Test
    void aDeletedExampleLeavesTheListAndATombstoneOnTheTopic() {
        String connection = singers();
        load(connection, QUESTIONS, "application/x-ndjson", "concert_singer").then().statusCode(200);
        String exampleId = as(Tenants.DEMO_KEY).get("/api/connections/" + connection + "/examples")
                .then().extract().path("[0].id");

        as(Tenants.OTHER_KEY).delete("/api/connections/" + connection + "/examples/" + exampleId).then()
                .statusCode(404).body("code", equalTo("CONNECTION_NOT_FOUND"));
        as(Tenants.DEMO_KEY).delete("/api/connections/" + connection + "/examples/" + exampleId).then()
                .statusCode(204);

        as(Tenants.DEMO_KEY).get("/api/connections/" + connection + "/examples").then().statusCode(200)
                .body("$", hasSize(1))
                .body("id", not(hasItem(exampleId)));
        String key = QueryExample.key(Tenants.idOf("demo").toString(), connection, exampleId);
        List<ConsumerRecord<String, String>> records = Pipeline.records(Topics.EXAMPLES, key, 2, Duration.ofSeconds(30));
        assertNull(records.get(1).value());
        assertEquals(1, Tenants.count("SELECT count(*) FROM examples WHERE id = ? AND deleted_at IS NOT NULL",
                UUID.fromString(exampleId)));

        as(Tenants.DEMO_KEY).delete("/api/connections/" + connection + "/examples/" + exampleId).then()
                .statusCode(404).body("code", equalTo("EXAMPLE_NOT_FOUND"));
        as(Tenants.DEMO_KEY).delete("/api/connections/" + connection + "/examples/not-an-id").then()
                .statusCode(404).body("code", equalTo("EXAMPLE_NOT_FOUND"));
    }

    @Test
    void unknownConnectionsAndUnusableBodiesAreRefusedWhole() {
        String connection = singers();
        as(Tenants.DEMO_KEY).get("/api/connections/nowhere/examples").then().statusCode(404)
                .body("code", equalTo("CONNECTION_NOT_FOUND"));
        as(Tenants.DEMO_KEY).get("/api/connections/" + UUID.randomUUID() + "/examples").then().statusCode(404)
                .body("code", equalTo("CONNECTION_NOT_FOUND"));
        as(Tenants.OTHER_KEY).get("/api/connections/" + connection + "/examples").then().statusCode(404)
                .body("code", equalTo("CONNECTION_NOT_FOUND"));
        load("nowhere", QUESTIONS, "application/x-ndjson", null).then().statusCode(404)
                .body("code", equalTo("CONNECTION_NOT_FOUND"));

        load(connection, "  \n", "application/x-ndjson", null).then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        load(connection, "[{\"question\": ", "application/json", null).then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("detail", containsString("JSON array"));
        // the test profile takes 64 KiB in one load
        String line = "{\"question\": \"How many singers?\", \"sql\": \"SELECT count(*) FROM singer\"}\n";
        load(connection, line.repeat(65536 / line.length() + 1), "application/x-ndjson", null).then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("BODY_TOO_LARGE"));
        as(Tenants.DEMO_KEY).get("/api/connections/" + connection + "/examples").then().body("$", hasSize(0));
    }

    /** A stored DuckDB connection of the demo tenant holding Spider's singer table; returns its id. */
    private String singers() {
        Path file = files.resolve("singers-" + UUID.randomUUID() + ".duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE singer (singer_id INTEGER PRIMARY KEY, name VARCHAR, country VARCHAR, "
                    + "age INTEGER); INSERT INTO singer VALUES (1, 'Joe Sharp', 'Netherlands', 52)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String id = as(Tenants.DEMO_KEY).contentType("application/json")
                .body(Map.of("name", "singers " + file.getFileName(), "engine", "duckdb", "jdbcUrl", "jdbc:duckdb:" + file))
                .post("/api/connections")
                .then().statusCode(201)
                .extract().path("id");
        keys.add(SnapshotKey.of(Tenants.idOf("demo").toString(), id));
        return id;
    }

    private static Response load(String connection, String body, String contentType, String dbId) {
        RequestSpecification request = as(Tenants.DEMO_KEY).contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8));
        if (dbId != null) {
            request = request.queryParam("dbId", dbId);
        }
        return request.post("/api/connections/" + connection + "/examples");
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", Tenants.bearer(key));
    }
}
