package io.kurobe.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.kurobe.gateway.support.Pipeline;
import io.kurobe.gateway.support.Questions;
import io.kurobe.gateway.support.SocketClient;
import io.kurobe.gateway.support.Tenants;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Stage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class QuestionSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void liveConsumersReady() {
        Pipeline.awaitLiveConsumers();
    }

    URI socket(String questionId) {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "ws/questions/" + questionId);
    }

    static void awaitStoredEvents(String id, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> given()
                .header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .when().get("/api/questions/" + id)
                .then().extract().jsonPath().getList("events").size() == count);
    }

    static List<String> describe(List<JsonNode> messages) {
        return messages.stream().map(SocketClient::describe).toList();
    }

    @Test
    void lateSubscriberReceivesHistoryThenLiveEventsThenTheAnswerAndClose() throws Exception {
        String id = Questions.ask(Tenants.DEMO_KEY, "How many orders were placed in 2024?");
        String tenant = Tenants.idOf("demo").toString();
        List<QuestionProgress> all = Pipeline.allStages(id, tenant);
        Pipeline.send(all.subList(0, 2));
        awaitStoredEvents(id, 2);

        SocketClient client = SocketClient.connect(socket(id), Tenants.DEMO_KEY);
        assertEquals("INTENT STARTED", SocketClient.describe(client.next(WAIT)));
        assertEquals("INTENT DONE", SocketClient.describe(client.next(WAIT)));

        Pipeline.send(all.subList(2, all.size()));
        Pipeline.send(all.get(1));
        Pipeline.send(Pipeline.panels(id, tenant));

        List<JsonNode> rest = client.untilClosed(WAIT);
        assertEquals(List.of("SCHEMA STARTED", "SCHEMA DONE", "CANDIDATE STARTED", "CANDIDATE DONE",
                "SELECTION STARTED", "SELECTION DONE", "PANEL STARTED", "PANEL DONE", "answer"), describe(rest));
        JsonNode answer = rest.get(rest.size() - 1).path("event");
        assertEquals(id, answer.path("envelope").path("questionId").asText());
        assertEquals("SELECT count(*) AS orders FROM orders", answer.path("sql").asText());
        assertEquals(1234, answer.path("panels").path(0).path("rows").path(0).path(0).asInt());
        assertEquals(id, rest.get(0).path("event").path("envelope").path("questionId").asText());
    }

    @Test
    void subscriberOfAFinishedQuestionReceivesEverythingOnceThenClose() throws Exception {
        String id = Questions.ask(Tenants.DEMO_KEY, "How many customers are there?");
        String tenant = Tenants.idOf("demo").toString();
        Pipeline.send(Pipeline.allStages(id, tenant));
        Pipeline.send(Pipeline.panels(id, tenant));
        awaitStoredEvents(id, 10);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(given()
                .header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .when().get("/api/questions/" + id).then().extract().path("status")));

        List<JsonNode> messages = SocketClient.connect(socket(id), Tenants.DEMO_KEY).untilClosed(WAIT);
        assertEquals(List.of("INTENT STARTED", "INTENT DONE", "SCHEMA STARTED", "SCHEMA DONE", "CANDIDATE STARTED",
                "CANDIDATE DONE", "SELECTION STARTED", "SELECTION DONE", "PANEL STARTED", "PANEL DONE", "answer"),
                describe(messages));
    }

    @Test
    void aFailureEndsTheStreamWithTheError() throws Exception {
        String id = Questions.ask(Tenants.DEMO_KEY, "Delete every order");
        String tenant = Tenants.idOf("demo").toString();
        SocketClient client = SocketClient.connect(socket(id), Tenants.DEMO_KEY);
        Pipeline.send(Pipeline.progress(id, tenant, Stage.INTENT, ProgressStatus.STARTED),
                Pipeline.progress(id, tenant, Stage.INTENT, ProgressStatus.FAILED));
        Pipeline.send(Pipeline.failure(id, tenant));

        List<JsonNode> messages = client.untilClosed(WAIT);
        assertEquals(List.of("INTENT STARTED", "INTENT FAILED", "answer"), describe(messages));
        assertEquals("QUESTION_REFUSED", messages.get(2).path("event").path("error").path("code").asText());
    }

    @Test
    void aClarificationAnsweredOnTheSocketIsFollowedOnTheSameSocket() throws Exception {
        String id = Questions.ask(Tenants.DEMO_KEY, "How many orders per month by date?");
        String tenant = Tenants.idOf("demo").toString();
        SocketClient client = SocketClient.connect(socket(id), Tenants.DEMO_KEY);
        Pipeline.send(Pipeline.clarification(id, tenant));
        assertEquals("INTENT STARTED", SocketClient.describe(client.next(WAIT)));
        JsonNode asked = client.next(WAIT);
        assertEquals("INTENT NEEDS_CLARIFICATION", SocketClient.describe(asked));
        assertEquals("the ship date", asked.path("event").path("clarification").path("options").path(1).asText());
        await().atMost(Duration.ofSeconds(60)).until(() -> "NEEDS_CLARIFICATION".equals(given()
                .header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .when().get("/api/questions/" + id).then().extract().path("status")));

        client.send("{\"type\":\"hello\"}");
        JsonNode refused = client.next(WAIT);
        assertEquals("error", refused.path("type").asText());
        assertEquals("INVALID_REQUEST", refused.path("code").asText());
        client.send("{\"type\":\"clarification\",\"answer\":\"\"}");
        assertEquals("ANSWER_EMPTY", client.next(WAIT).path("code").asText());

        client.send("{\"type\":\"clarification\",\"answer\":\"the ship date\"}");
        JsonNode clarified = client.next(WAIT);
        assertEquals("clarified", clarified.path("type").asText(), clarified.toString());
        assertEquals(id, clarified.path("answered").asText());
        assertEquals(id, clarified.path("conversationId").asText());
        String resumed = clarified.path("questionId").asText();

        Pipeline.send(Pipeline.allStages(resumed, tenant));
        Pipeline.send(Pipeline.panels(resumed, tenant));
        List<JsonNode> rest = client.untilClosed(WAIT);
        assertEquals(List.of("INTENT STARTED", "INTENT DONE", "SCHEMA STARTED", "SCHEMA DONE", "CANDIDATE STARTED",
                "CANDIDATE DONE", "SELECTION STARTED", "SELECTION DONE", "PANEL STARTED", "PANEL DONE", "answer"),
                describe(rest));
        assertEquals(resumed, rest.get(10).path("event").path("envelope").path("questionId").asText());
    }

    @Test
    void aBrowserPassesTheKeyAsSubprotocol() throws Exception {
        String id = Questions.ask(Tenants.DEMO_KEY, "How many products are there?");
        SocketClient client = SocketClient.connectAsBrowser(socket(id), Tenants.DEMO_KEY);
        assertEquals("kurobe.v1", client.subprotocol());
        String tenant = Tenants.idOf("demo").toString();
        Pipeline.send(Pipeline.progress(id, tenant, Stage.INTENT, ProgressStatus.STARTED));
        assertEquals("INTENT STARTED", SocketClient.describe(client.next(WAIT)));
        client.close();
    }

    @Test
    void refusesASocketWithoutKeyOrWithAnUnknownOne() {
        String id = Questions.ask(Tenants.DEMO_KEY, "How many regions are there?");
        assertEquals(401, handshakeStatus(() -> SocketClient.connect(socket(id), "kb_nobody_has_this_key_000")));
        assertEquals(401, handshakeStatus(() -> java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(socket(id), new java.net.http.WebSocket.Listener() { }).join()));
    }

    @Test
    void refusesASocketForAnotherTenantsQuestion() {
        Tenants.ensure("other", Tenants.OTHER_KEY);
        String id = Questions.ask(Tenants.DEMO_KEY, "How many orders were returned?");
        assertEquals(404, handshakeStatus(() -> SocketClient.connect(socket(id), Tenants.OTHER_KEY)));
    }

    static int handshakeStatus(Runnable connect) {
        CompletionException failure = assertThrows(CompletionException.class, connect::run);
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
        return handshake.getResponse().statusCode();
    }
}
