package io.kurobe.gateway.events;

import io.kurobe.gateway.support.Pipeline;
import io.kurobe.gateway.support.Questions;
import io.kurobe.gateway.support.Tenants;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Stage;
import io.kurobe.model.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class EventPersistenceTest {

    static JsonPath question(String id) {
        return given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .when().get("/api/questions/" + id)
                .then().statusCode(200)
                .extract().jsonPath();
    }

    static JsonPath awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> question(id), json -> status.equals(json.getString("status")));
    }

    @Test
    void showsProgressInOrderThenSqlAndPanels() {
        String id = Questions.ask(Tenants.DEMO_KEY, "How many orders were placed in 2024?");
        String tenant = Tenants.idOf("demo").toString();
        Pipeline.send(Pipeline.progress(id, tenant, Stage.INTENT, ProgressStatus.STARTED));
        awaitStatus(id, "RUNNING");

        List<QuestionProgress> rest = new ArrayList<>(Pipeline.allStages(id, tenant));
        rest.remove(0);
        Pipeline.send(rest);
        Pipeline.send(Pipeline.panels(id, tenant));

        // progress and panels.ready are stored by separate consumers: the answer may be stored before the last events
        JsonPath done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> question(id), json -> "DONE".equals(json.getString("status"))
                        && json.getList("events").size() == 10);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < done.getList("events").size(); i++) {
            events.add(done.getString("events[" + i + "].stage") + " " + done.getString("events[" + i + "].status"));
        }
        assertEquals(List.of("INTENT STARTED", "INTENT DONE", "SCHEMA STARTED", "SCHEMA DONE", "CANDIDATE STARTED",
                "CANDIDATE DONE", "SELECTION STARTED", "SELECTION DONE", "PANEL STARTED", "PANEL DONE"), events);
        assertEquals("SELECT count(*) AS orders FROM orders", done.getString("sql"));
        assertEquals("KPI", done.getString("panels[0].kind"));
        assertEquals(1234, done.getInt("panels[0].rows[0][0]"));
        assertEquals("orders", done.getString("panels[0].columns[0].name"));
        assertNull(done.get("error"));
    }

    @Test
    void anAnswerServedFromTheQueryCacheKeepsWhenItWasCached() {
        String id = Questions.ask(Tenants.DEMO_KEY, "How many orders were placed in 2024?");
        String tenant = Tenants.idOf("demo").toString();
        PanelsReady fresh = Pipeline.panels(id, tenant);
        java.time.Instant cachedAt = java.time.Instant.parse("2026-11-26T05:00:00Z");
        Pipeline.send(new PanelsReady(fresh.envelope(), fresh.question(), fresh.sql(), fresh.panels(), null, false,
                cachedAt));

        JsonPath done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> question(id), json -> "DONE".equals(json.getString("status")));
        assertEquals(cachedAt.toString(), java.time.Instant.parse(done.getString("cachedAt")).toString());

        String other = Questions.ask(Tenants.DEMO_KEY, "How many orders were placed in 2023?");
        Pipeline.send(Pipeline.panels(other, tenant));
        JsonPath ran = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> question(other), json -> "DONE".equals(json.getString("status")));
        assertNull(ran.get("cachedAt"), "the SQL ran for this question");
    }

    @Test
    void storesARedeliveredEventOnce() {
        String id = Questions.ask(Tenants.DEMO_KEY, "How many customers are there?");
        String tenant = Tenants.idOf("demo").toString();
        QuestionProgress started = Pipeline.progress(id, tenant, Stage.INTENT, ProgressStatus.STARTED);
        Pipeline.send(started, started, Pipeline.panels(id, tenant), Pipeline.panels(id, tenant));
        // a marker sent after the duplicates: once it is stored, the duplicates were consumed too
        Pipeline.send(Pipeline.progress(id, tenant, Stage.INTENT, ProgressStatus.DONE));
        await().atMost(Duration.ofSeconds(60)).until(() -> question(id).getList("events").size() == 2);
        awaitStatus(id, "DONE");
        Pipeline.send(started, Pipeline.panels(id, tenant));
        Pipeline.send(Pipeline.progress(id, tenant, Stage.SCHEMA, ProgressStatus.STARTED));
        await().atMost(Duration.ofSeconds(60)).until(() -> question(id).getList("events").size() == 3);

        UUID questionId = UUID.fromString(id);
        assertEquals(1, Tenants.count("SELECT count(*) FROM question_events WHERE question_id = ? AND stage = 'INTENT' "
                + "AND status = 'STARTED'", questionId));
        assertEquals(1, Tenants.count("SELECT count(*) FROM panels WHERE question_id = ?", questionId));
        assertEquals("DONE", question(id).getString("status"));
    }

    @Test
    void storesAFailureAndAttributesAnUnknownTenantToTheQuestionsOwner() {
        String id = Questions.ask(Tenants.DEMO_KEY, "Delete all orders");
        Pipeline.send(Pipeline.progress(id, "unknown", Stage.INTENT, ProgressStatus.FAILED));
        Pipeline.send(Pipeline.failure(id, "unknown"));

        awaitStatus(id, "FAILED");
        JsonPath failed = await().atMost(Duration.ofSeconds(60))
                .until(() -> question(id), json -> json.getList("events").size() == 1);
        assertEquals("QUESTION_REFUSED", failed.getString("error.code"));
        assertEquals("Kurobe only reads data; it will not delete orders.", failed.getString("error.message"));
        assertEquals("FAILED", failed.getString("events[0].status"));
        assertEquals(1, Tenants.count("SELECT count(*) FROM question_events WHERE question_id = ? AND tenant_id = ?",
                UUID.fromString(id), Tenants.idOf("demo")));
    }

    @Test
    void keepsConsumingAfterAnUnreadableRecord() {
        String id = Questions.ask(Tenants.DEMO_KEY, "How many products are there?");
        String tenant = Tenants.idOf("demo").toString();
        Pipeline.sendRaw(Topics.QUESTION_PROGRESS, id, "{not json");
        Pipeline.send(Pipeline.progress(id, tenant, Stage.INTENT, ProgressStatus.STARTED));
        awaitStatus(id, "RUNNING");
        assertEquals(true, Pipeline.find(Topics.deadLetter(Topics.QUESTION_PROGRESS), id, Duration.ofSeconds(30)).isPresent());
    }
}
