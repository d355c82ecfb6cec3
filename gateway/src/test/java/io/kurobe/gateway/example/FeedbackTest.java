package io.kurobe.gateway.example;

import io.kurobe.data.demo.DemoDatabase;
import io.kurobe.gateway.support.Pipeline;
import io.kurobe.gateway.support.Questions;
import io.kurobe.gateway.support.Tenants;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.EventJson;
import io.kurobe.model.Panel;
import io.kurobe.model.PanelColumn;
import io.kurobe.model.PanelKind;
import io.kurobe.model.PanelsReady;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** POST /api/questions/{id}/feedback on the real broker and PostgreSQL, guarded against the demo DuckDB file. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class FeedbackTest {
    private static final Path DEMO = Path.of("target", "test-demo.duckdb");
    private static final String ASKED = "and in 2024?";
    private static final String STANDALONE = "How many orders were placed in 2024?";
    private static final String ANSWER_SQL =
            "SELECT count(*) AS orders FROM orders WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'";
    private static final String CORRECTED_SQL =
            "SELECT count(*) AS orders FROM orders WHERE status <> 'cancelled' AND year(order_date) = 2024";

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void setUp() {
        Tenants.ensure("other", Tenants.OTHER_KEY);
        synchronized (FeedbackTest.class) {
            if (!Files.exists(DEMO)) {
                DemoDatabase.create(DEMO);
            }
        }
    }

    @AfterEach
    void forgetTheDemoSchema() {
        SnapshotKey key = SnapshotKey.of(Tenants.idOf("demo").toString(), "demo");
        redis.key().del(key.snapshot(), key.checked());
    }

    @Test
    void aConfirmedAnswerBecomesAnExampleOnTheTopicAndLaterFeedbackReplacesOrRemovesIt() {
        String questionId = answered();
        String tenantId = Tenants.idOf("demo").toString();

        Response confirmed = feedback(Tenants.DEMO_KEY, questionId, Map.of("correct", true, "comment", "spot on"));
        confirmed.then().statusCode(201)
                .body("questionId", equalTo(questionId))
                .body("correct", equalTo(true))
                .body("comment", equalTo("spot on"))
                .body("example.question", equalTo(STANDALONE))
                .body("example.sql", equalTo(ANSWER_SQL))
                .body("example.source", equalTo("feedback"))
                .body("example.connectionId", equalTo("demo"))
                .body("example.questionId", equalTo(questionId));
        String exampleId = confirmed.jsonPath().getString("example.id");
        String key = QueryExample.key(tenantId, "demo", exampleId);

        QueryExample published = EventJson.read(Pipeline.records(Topics.EXAMPLES, key, 1, Duration.ofSeconds(30))
                .get(0).value(), QueryExample.class);
        assertEquals(new QueryExample(exampleId, tenantId, "demo", STANDALONE, ANSWER_SQL, QueryExample.FEEDBACK,
                questionId, published.createdAt()), published);

        feedback(Tenants.DEMO_KEY, questionId, Map.of("correct", false, "sql", CORRECTED_SQL))
                .then().statusCode(201)
                .body("correct", equalTo(false))
                .body("sql", equalTo(CORRECTED_SQL))
                .body("example.id", equalTo(exampleId))
                .body("example.sql", equalTo(CORRECTED_SQL))
                .body("example.question", equalTo(STANDALONE));
        List<ConsumerRecord<String, String>> records = Pipeline.records(Topics.EXAMPLES, key, 2, Duration.ofSeconds(30));
        QueryExample replaced = EventJson.read(records.get(1).value(), QueryExample.class);
        assertEquals(exampleId, replaced.exampleId());
        assertEquals(CORRECTED_SQL, replaced.sql());
        assertEquals(1, Tenants.count("SELECT count(*) FROM examples WHERE question_id = ?", UUID.fromString(questionId)));
        as(Tenants.DEMO_KEY).get("/api/connections/demo/examples").then().statusCode(200)
                .body("findAll { it.id == '" + exampleId + "' }.sql", equalTo(List.of(CORRECTED_SQL)));

        feedback(Tenants.DEMO_KEY, questionId, Map.of("correct", false, "comment", "counts cancelled orders"))
                .then().statusCode(201)
                .body("example", nullValue())
                .body("removedExampleId", equalTo(exampleId));
        ConsumerRecord<String, String> tombstone = Pipeline.records(Topics.EXAMPLES, key, 3, Duration.ofSeconds(30)).get(2);
        assertNull(tombstone.value());
        as(Tenants.DEMO_KEY).get("/api/connections/demo/examples").then().statusCode(200)
                .body("id", not(hasItem(exampleId)));
        assertEquals(3, Tenants.count("SELECT count(*) FROM feedback WHERE question_id = ?", UUID.fromString(questionId)));

        feedback(Tenants.DEMO_KEY, questionId, Map.of("correct", true)).then().statusCode(201)
                .body("example.id", equalTo(exampleId))
                .body("example.sql", equalTo(ANSWER_SQL));
    }

    @Test
    void correctedSqlThatTheGuardRefusesIsNotKept() {
        String questionId = answered();

        feedback(Tenants.DEMO_KEY, questionId, Map.of("correct", false, "sql", "DELETE FROM orders"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("SQL_REFUSED"))
                .body("detail", containsString("DELETE"));
        feedback(Tenants.DEMO_KEY, questionId, Map.of("correct", false, "sql", "SELECT * FROM salaries"))
                .then().statusCode(400)
                .body("code", equalTo("SQL_REFUSED"))
                .body("detail", containsString("salaries"));

        assertEquals(0, Tenants.count("SELECT count(*) FROM feedback WHERE question_id = ?", UUID.fromString(questionId)));
        assertEquals(0, Tenants.count("SELECT count(*) FROM examples WHERE question_id = ?", UUID.fromString(questionId)));
    }

    @Test
    void onlyAnAnsweredQuestionCanBeJudgedAndTheBodyMustSayHow() {
        String waiting = Questions.ask(Tenants.DEMO_KEY, "How many customers are there?");
        feedback(Tenants.DEMO_KEY, waiting, Map.of("correct", true)).then().statusCode(409)
                .body("code", equalTo("QUESTION_NOT_ANSWERED"))
                .body("detail", containsString("RECEIVED"));

        String failed = Questions.ask(Tenants.DEMO_KEY, "Delete every order");
        Pipeline.send(Pipeline.failure(failed, Tenants.idOf("demo").toString()));
        awaitStatus(failed, "FAILED");
        feedback(Tenants.DEMO_KEY, failed, Map.of("correct", true)).then().statusCode(409)
                .body("code", equalTo("QUESTION_NOT_ANSWERED"));

        feedback(Tenants.DEMO_KEY, UUID.randomUUID().toString(), Map.of("correct", true)).then().statusCode(404)
                .body("code", equalTo("QUESTION_NOT_FOUND"));
        feedback(Tenants.DEMO_KEY, "not-a-uuid", Map.of("correct", true)).then().statusCode(404)
                .body("code", equalTo("QUESTION_NOT_FOUND"));

        String questionId = answered();
        feedback(Tenants.DEMO_KEY, questionId, Map.of("comment", "no verdict")).then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        feedback(Tenants.DEMO_KEY, questionId, Map.of("correct", "perhaps")).then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        feedback(Tenants.DEMO_KEY, questionId, Map.of("correct", true, "sql", "SELECT 1")).then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("detail", containsString("correct"));
        feedback(Tenants.DEMO_KEY, questionId, "{\"correct\": tru").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
        feedback(Tenants.DEMO_KEY, questionId, Map.of("correct", false, "comment", "x".repeat(2001)))
                .then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("detail", containsString("2000"));
        assertEquals(0, Tenants.count("SELECT count(*) FROM feedback WHERE question_id = ?", UUID.fromString(questionId)));
    }

    @Test
    void anotherTenantCanNeitherJudgeNorSeeNorDeleteTheExample() {
        String questionId = answered();
        String exampleId = feedback(Tenants.DEMO_KEY, questionId, Map.of("correct", true))
                .then().statusCode(201).extract().path("example.id");

        feedback(Tenants.OTHER_KEY, questionId, Map.of("correct", false)).then().statusCode(404)
                .body("code", equalTo("QUESTION_NOT_FOUND"));
        as(Tenants.OTHER_KEY).get("/api/connections/demo/examples").then().statusCode(200)
                .body("id", not(hasItem(exampleId)));
        as(Tenants.OTHER_KEY).delete("/api/connections/demo/examples/" + exampleId).then().statusCode(404)
                .body("code", equalTo("EXAMPLE_NOT_FOUND"));
        given().delete("/api/connections/demo/examples/" + exampleId).then().statusCode(401);

        as(Tenants.DEMO_KEY).get("/api/connections/demo/examples").then().statusCode(200)
                .body("id", hasItem(exampleId));
    }

    /** A question asked as a follow-up and answered by the stages with its standalone rewrite; returns its id. */
    private static String answered() {
        String id = Questions.ask(Tenants.DEMO_KEY, ASKED);
        Panel kpi = new Panel(PanelKind.KPI, "Orders in 2024", ANSWER_SQL, List.of(new PanelColumn("orders", "BIGINT")),
                List.of(List.of(1234)), false, null, List.of("orders"));
        Pipeline.send(new PanelsReady(Pipeline.envelope(id, Tenants.idOf("demo").toString()), STANDALONE, ANSWER_SQL,
                List.of(kpi), null, false));
        awaitStatus(id, "DONE");
        return id;
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> status.equals(as(Tenants.DEMO_KEY)
                .get("/api/questions/" + id).then().extract().path("status")));
    }

    private static Response feedback(String key, String questionId, Object body) {
        return as(key).contentType("application/json").body(body).post("/api/questions/" + questionId + "/feedback");
    }

    static RequestSpecification as(String key) {
        return given().header("Authorization", Tenants.bearer(key));
    }
}
