package io.kurobe.gateway.question;

import io.kurobe.gateway.support.Pipeline;
import io.kurobe.gateway.support.Questions;
import io.kurobe.gateway.support.Tenants;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.EventJson;
import io.kurobe.model.ModelUsage;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.QuestionReceived;
import io.kurobe.model.Stage;
import io.kurobe.model.Topics;
import io.kurobe.model.Turn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answering a question that asked back, and the language-model usage stored with each question. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ClarificationTest {

    static Response answer(String id, Object body) {
        return given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .contentType("application/json")
                .body(body)
                .when().post("/api/questions/" + id + "/clarification");
    }

    static Response get(String id) {
        return given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY)).when().get("/api/questions/" + id);
    }

    static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> status.equals(get(id).then().extract().path("status")));
    }

    static String askBack(String question) {
        String id = Questions.ask(Tenants.DEMO_KEY, question);
        Pipeline.send(Pipeline.clarification(id, Tenants.idOf("demo").toString()));
        awaitStatus(id, "NEEDS_CLARIFICATION");
        await().atMost(Duration.ofSeconds(60)).until(() -> get(id).then().extract().jsonPath()
                .getList("events").size() == 2);
        return id;
    }

    @Test
    void theAnswerBecomesANewQuestionOfTheConversationCarryingWhatWasAskedBack() {
        String asked = askBack("How many orders per month by date?");

        Response accepted = answer(asked, Map.of("answer", " the ship date "));
        accepted.then().statusCode(202)
                .body("status", equalTo("RECEIVED"))
                .body("conversationId", equalTo(asked));
        String id = accepted.jsonPath().getString("id");
        assertTrue(accepted.header("Location").endsWith("/api/questions/" + id), accepted.header("Location"));

        QuestionReceived event = EventJson.read(Pipeline.find(Topics.QUESTION_RECEIVED, id, Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no question.received keyed " + id)).value(), QuestionReceived.class);
        assertEquals("the ship date", event.question());
        assertEquals(asked, event.envelope().conversationId());
        assertEquals("demo", event.envelope().connectionId());
        Turn last = event.history().get(event.history().size() - 1);
        assertEquals("How many orders per month by date?", last.question());
        assertEquals("Which date do you mean?", last.clarification().question());
        assertEquals(List.of("the order date", "the ship date"), last.clarification().options());

        get(id).then().statusCode(200).body("question", equalTo("the ship date")).body("conversationId", equalTo(asked));
        get(asked).then().body("status", equalTo("NEEDS_CLARIFICATION")).body("clarifiedBy", equalTo(id));

        answer(asked, Map.of("answer", "the order date")).then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_AWAITING_CLARIFICATION"))
                .body("detail", containsString(id));
    }

    @Test
    void aFollowUpAfterTheAnswerSeesBothTurns() {
        String asked = askBack("Revenue per month by date?");
        answer(asked, Map.of("answer", "the order date")).then().statusCode(202);

        String followUp = given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .contentType("application/json")
                .body(Map.of("question", "and in 2023?", "connectionId", "demo", "conversationId", asked))
                .when().post("/api/questions").then().statusCode(202).extract().path("id");

        QuestionReceived event = EventJson.read(Pipeline.find(Topics.QUESTION_RECEIVED, followUp,
                Duration.ofSeconds(30)).orElseThrow().value(), QuestionReceived.class);
        assertEquals(List.of("Revenue per month by date?", "the order date"),
                event.history().stream().map(Turn::question).toList());
        assertEquals("Which date do you mean?", event.history().get(0).clarification().question());
        assertNull(event.history().get(1).clarification());
    }

    @Test
    void onlyAQuestionThatAskedBackTakesAnAnswer() {
        String running = Questions.ask(Tenants.DEMO_KEY, "How many orders were placed in 2024?");
        long before = Tenants.count("SELECT count(*) FROM questions");

        answer(running, Map.of("answer", "the order date")).then().statusCode(409)
                .body("code", equalTo("NOT_AWAITING_CLARIFICATION"))
                .body("detail", containsString("RECEIVED"));
        answer(UUID.randomUUID().toString(), Map.of("answer", "the order date")).then().statusCode(404)
                .body("code", equalTo("QUESTION_NOT_FOUND"));
        answer("not-a-uuid", Map.of("answer", "the order date")).then().statusCode(404)
                .body("code", equalTo("QUESTION_NOT_FOUND"));
        assertEquals(before, Tenants.count("SELECT count(*) FROM questions"));
    }

    @Test
    void anEmptyAnswerIsRefused() {
        String asked = askBack("Orders by date?");
        answer(asked, Map.of("answer", "   ")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("ANSWER_EMPTY"));
        answer(asked, Map.of()).then().statusCode(400).body("code", equalTo("ANSWER_EMPTY"));
        answer(asked, Map.of("answer", "x".repeat(2001))).then().statusCode(400).body("code", equalTo("QUESTION_TOO_LONG"));
        get(asked).then().body("clarifiedBy", equalTo(null));
    }

    @Test
    void anotherTenantCannotAnswer() {
        Tenants.ensure("other", Tenants.OTHER_KEY);
        String asked = askBack("Shipments by date?");
        given().header("Authorization", Tenants.bearer(Tenants.OTHER_KEY))
                .contentType("application/json")
                .body(Map.of("answer", "the ship date"))
                .when().post("/api/questions/" + asked + "/clarification")
                .then().statusCode(404).body("code", equalTo("QUESTION_NOT_FOUND"));
    }

    @Test
    void usageReportedByTheStagesIsAddedUpOnceAndReturnedWithTheQuestion() {
        String id = Questions.ask(Tenants.DEMO_KEY, "How many customers ordered twice?");
        String tenant = Tenants.idOf("demo").toString();
        get(id).then().body("usage.calls", equalTo(0)).body("usage.tokensIn", equalTo(0));

        QuestionProgress intent = new QuestionProgress(Pipeline.envelope(id, tenant), Stage.INTENT,
                ProgressStatus.DONE, "answerable", 800, null, ModelUsage.call("intent", 312, 45));
        QuestionProgress candidate = new QuestionProgress(Pipeline.envelope(id, tenant), Stage.CANDIDATE,
                ProgressStatus.DONE, "3 candidates", 2100, null,
                ModelUsage.call("generator", 900, 120).plus(ModelUsage.call("refiner", 1000, 80)));
        // the redelivered intent event is stored once and counted once; the marker after it shows it was read
        Pipeline.send(intent, candidate, intent, Pipeline.progress(id, tenant, Stage.PANEL, ProgressStatus.STARTED));
        await().atMost(Duration.ofSeconds(60)).until(() -> get(id).then().extract().jsonPath()
                .getList("events").size() == 3);

        get(id).then()
                .body("usage.calls", equalTo(3))
                .body("usage.tokensIn", equalTo(2212))
                .body("usage.tokensOut", equalTo(245))
                .body("usage.byRole.intent.calls", equalTo(1))
                .body("usage.byRole.intent.tokensIn", equalTo(312))
                .body("usage.byRole.refiner.tokensOut", equalTo(80))
                .body("events[0].usage.byRole.intent.tokensOut", equalTo(45));
    }
}
