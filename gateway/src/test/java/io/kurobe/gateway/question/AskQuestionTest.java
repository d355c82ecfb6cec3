package io.kurobe.gateway.question;

import io.kurobe.gateway.support.Pipeline;
import io.kurobe.gateway.support.Tenants;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.EventJson;
import io.kurobe.model.QuestionReceived;
import io.kurobe.model.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class AskQuestionTest {

    static Response ask(String key, Object body) {
        return given().header("Authorization", Tenants.bearer(key))
                .contentType("application/json")
                .body(body)
                .when().post("/api/questions");
    }

    @Test
    void acceptsAQuestionAndPublishesItKeyedByItsId() {
        Instant before = Instant.now();
        Response response = ask(Tenants.DEMO_KEY,
                Map.of("question", "How many orders were placed in 2024?", "connectionId", "demo"));
        response.then().statusCode(202)
                .body("id", notNullValue())
                .body("status", equalTo("RECEIVED"));
        String id = response.jsonPath().getString("id");
        assertTrue(response.header("Location").endsWith("/api/questions/" + id), response.header("Location"));

        ConsumerRecord<String, String> record = Pipeline.find(Topics.QUESTION_RECEIVED, id, Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no question.received record keyed " + id));
        QuestionReceived event = EventJson.read(record.value(), QuestionReceived.class);
        assertEquals(id, event.questionId());
        assertEquals(Tenants.idOf("demo").toString(), event.envelope().tenantId());
        assertEquals("demo", event.envelope().connectionId());
        assertEquals("How many orders were placed in 2024?", event.question());
        Duration deadline = Duration.between(event.envelope().occurredAt(), event.envelope().deadline());
        assertEquals(Duration.ofMinutes(2), deadline);
        assertTrue(!event.envelope().occurredAt().isBefore(before.minusSeconds(1)));

        given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .when().get("/api/questions/" + id)
                .then().statusCode(200)
                .body("status", equalTo("RECEIVED"))
                .body("question", equalTo("How many orders were placed in 2024?"))
                .body("connectionId", equalTo("demo"));
    }

    @Test
    void aFollowUpCarriesTheConversationsEarlierQuestions() {
        String first = ask(Tenants.DEMO_KEY, Map.of("question", "How many orders are there?", "connectionId", "demo"))
                .then().statusCode(202).extract().path("id");
        String conversation = given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .when().get("/api/questions/" + first).then().extract().path("conversationId");
        assertEquals(first, conversation);

        String second = ask(Tenants.DEMO_KEY, Map.of("question", "And in 2023?", "connectionId", "demo",
                "conversationId", conversation))
                .then().statusCode(202).body("conversationId", equalTo(conversation)).extract().path("id");

        QuestionReceived event = EventJson.read(Pipeline.find(Topics.QUESTION_RECEIVED, second, Duration.ofSeconds(30))
                .orElseThrow().value(), QuestionReceived.class);
        assertEquals(conversation, event.envelope().conversationId());
        assertEquals(1, event.history().size());
        assertEquals("How many orders are there?", event.history().get(0).question());
    }

    @Test
    void rejectsABlankQuestion() {
        ask(Tenants.DEMO_KEY, Map.of("question", "   ", "connectionId", "demo"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("QUESTION_EMPTY"))
                .body("status", equalTo(400));
    }

    @Test
    void rejectsAQuestionLongerThanTwoThousandCharacters() {
        ask(Tenants.DEMO_KEY, Map.of("question", "x".repeat(2001), "connectionId", "demo"))
                .then().statusCode(400)
                .body("code", equalTo("QUESTION_TOO_LONG"))
                .body("detail", containsString("2001"));
    }

    @Test
    void acceptsAQuestionOfExactlyTwoThousandCharacters() {
        ask(Tenants.DEMO_KEY, Map.of("question", "y".repeat(2000), "connectionId", "demo"))
                .then().statusCode(202);
    }

    @Test
    void rejectsAnUnknownConnectionNamingTheConfiguredOnes() {
        long before = Tenants.count("SELECT count(*) FROM questions");
        ask(Tenants.DEMO_KEY, Map.of("question", "How many orders?", "connectionId", "warehouse"))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("UNKNOWN_CONNECTION"))
                .body("detail", containsString("demo"))
                .body("instance", equalTo("/api/questions"));
        assertEquals(before, Tenants.count("SELECT count(*) FROM questions"));
    }

    @Test
    void rejectsAnUnknownConversation() {
        ask(Tenants.DEMO_KEY, Map.of("question", "And then?", "connectionId", "demo",
                "conversationId", UUID.randomUUID().toString()))
                .then().statusCode(404)
                .body("code", equalTo("CONVERSATION_NOT_FOUND"));
    }

    @Test
    void rejectsMalformedJson() {
        given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .contentType("application/json")
                .body("{\"question\": \"How many")
                .when().post("/api/questions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void rejectsAFieldOfTheWrongType() {
        given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .contentType("application/json")
                .body("{\"question\": \"How many orders?\", \"connectionId\": [\"demo\"]}")
                .when().post("/api/questions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void rejectsAMissingBody() {
        given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .contentType("application/json")
                .when().post("/api/questions")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void answersAnUnknownQuestionWithProblem404() {
        given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .when().get("/api/questions/" + UUID.randomUUID())
                .then().statusCode(404)
                .body("code", equalTo("QUESTION_NOT_FOUND"));
        given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .when().get("/api/questions/not-a-uuid")
                .then().statusCode(404)
                .body("code", equalTo("QUESTION_NOT_FOUND"))
                .body("instance", endsWith("/api/questions/not-a-uuid"));
    }
}
