package io.kurobe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kurobe.llm.testing.FakeVendorServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kurobe.llm.testing.FakeVendorServer.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4's dialog across the packaged services: the intent role points at a local server speaking OpenAI's API
 * that asks back about an ambiguous question; the answer, sent on the question's socket, resumes it in the same
 * conversation and it ends DONE; a follow-up in that conversation is rewritten against the history and ends DONE.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConversationEndToEndTest {
    private static final Duration ANSWER = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUESTION = Pattern.compile("<<<QUESTION\\n(.*?)\\nQUESTION>>>", Pattern.DOTALL);
    private static final String AMBIGUOUS = "How many orders did we have?";
    private static final String EVERY_ORDER = "every order placed in 2024";
    private static final List<String> STAGE_EVENTS = List.of(
            "INTENT STARTED", "INTENT DONE", "SCHEMA STARTED", "SCHEMA DONE", "CANDIDATE STARTED", "CANDIDATE DONE",
            "SELECTION STARTED", "SELECTION DONE", "PANEL STARTED", "PANEL DONE");

    private static FakeVendorServer model;
    private static Stack stack;
    private static Api api;
    private static String conversation;

    @BeforeAll
    static void startStack() throws Exception {
        model = FakeVendorServer.start(FakeVendorServer.Vendor.OPENAI).respond(request -> {
            String asked = FakeVendorServer.userText(request);
            Matcher question = QUESTION.matcher(asked);
            String text = question.find() ? question.group(1) : "";
            if (asked.contains("ASKED BACK: Which orders do you mean?") && text.equals(EVERY_ORDER)) {
                return answer(answerable("How many orders were placed in 2024?"), 200, 30);
            }
            if (text.equals("and in 2023?") && asked.contains("Q: " + EVERY_ORDER)) {
                return answer(answerable("How many orders were placed in 2023?"), 180, 25);
            }
            if (text.equals(AMBIGUOUS)) {
                return answer("""
                        {"intent":"NEEDS_CLARIFICATION","standalone_question":"How many orders did we have?",
                         "clarification":{"question":"Which orders do you mean?",
                                          "options":["every order placed in 2024","only the delivered orders"]}}""",
                        120, 40);
            }
            return answer("{\"intent\":\"OUT_OF_SCOPE\",\"standalone_question\":\"unexpected\"}", 1, 1);
        });
        stack = Stack.startWithModel(model, "fake-intent", "intent-7b", "e2e-conversation-models.properties", "intent");
        api = new Api(stack.get("gateway").url(), stack.apiKey);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (model != null) {
            model.close();
        }
    }

    @Test
    @Order(1)
    void theAnswerToAClarificationOnTheSocketResumesTheQuestionInItsConversation() throws Exception {
        String asked = api.ask(AMBIGUOUS);
        Api.Socket socket = api.open(asked);

        List<JsonNode> before = socket.until(m -> "NEEDS_CLARIFICATION".equals(m.path("event").path("status").asText()),
                ANSWER);
        JsonNode clarification = before.get(before.size() - 1).path("event").path("clarification");
        assertEquals("Which orders do you mean?", clarification.path("question").asText(), before.toString());
        assertEquals(List.of(EVERY_ORDER, "only the delivered orders"), texts(clarification.path("options")));

        socket.send(JSON.createObjectNode().put("type", "clarification").put("answer", EVERY_ORDER));
        JsonNode clarified = socket.next(ANSWER);
        assertEquals("clarified", clarified.path("type").asText(), clarified.toString());
        assertEquals(asked, clarified.path("conversationId").asText());
        String resumed = clarified.path("questionId").asText();
        conversation = asked;

        List<JsonNode> messages = socket.untilClosed(ANSWER);
        assertEquals(STAGE_EVENTS, stageEvents(messages), messages.toString());
        JsonNode answer = messages.get(messages.size() - 1).path("event");
        assertEquals(resumed, answer.path("envelope").path("questionId").asText());
        assertEquals(duckDb("SELECT count(*) FROM orders WHERE order_date >= DATE '2024-01-01' "
                + "AND order_date < DATE '2025-01-01'"), figure(answer), "the 2024 orders: " + answer);

        JsonNode done = api.awaitEnd(resumed, Duration.ofSeconds(30));
        assertEquals("DONE", done.path("status").asText());
        assertEquals(EVERY_ORDER, done.path("question").asText());
        assertEquals(asked, done.path("conversationId").asText());
        assertEquals(1, done.path("usage").path("calls").asInt(), done.toString());
        assertEquals(200, done.path("usage").path("byRole").path("intent").path("tokensIn").asInt(), done.toString());
        JsonNode original = api.question(asked);
        assertEquals("NEEDS_CLARIFICATION", original.path("status").asText());
        assertEquals(resumed, original.path("clarifiedBy").asText());
        assertEquals(40, original.path("usage").path("tokensOut").asInt(), original.toString());
    }

    @Test
    @Order(2)
    void aFollowUpInTheConversationIsRewrittenAgainstItsHistory() throws Exception {
        assertTrue(conversation != null, "the clarification dialog ran first");
        String followUp = api.ask("and in 2023?", "demo", conversation).path("id").asText();

        List<JsonNode> messages = api.stream(followUp, ANSWER);
        assertEquals(STAGE_EVENTS, stageEvents(messages), messages.toString());
        JsonNode answer = messages.get(messages.size() - 1).path("event");
        assertEquals(duckDb("SELECT count(*) FROM orders WHERE order_date >= DATE '2023-01-01' "
                + "AND order_date < DATE '2024-01-01'"), figure(answer), "the 2023 orders: " + answer);
        assertTrue(messages.stream().anyMatch(m -> m.path("event").path("message").asText()
                .startsWith("answerable (model fake-intent, 180 tokens in, 25 out")), messages.toString());
        String sent = FakeVendorServer.userText(model.requests().get(model.requestCount() - 1));
        assertTrue(sent.contains("Q: " + AMBIGUOUS + "\nASKED BACK: Which orders do you mean?")
                && sent.contains("Q: " + EVERY_ORDER + "\nSQL: SELECT"), sent);
        assertEquals("DONE", api.awaitEnd(followUp, Duration.ofSeconds(30)).path("status").asText());
    }

    private static long figure(JsonNode answer) {
        JsonNode panel = answer.path("panels").path(0);
        assertEquals("KPI", panel.path("kind").asText(), answer.toString());
        return panel.path("rows").path(0).path(0).asLong();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static List<String> stageEvents(List<JsonNode> messages) {
        List<String> events = new ArrayList<>();
        for (JsonNode m : messages) {
            if (m.path("type").asText().equals("progress")) {
                events.add(m.path("event").path("stage").asText() + " " + m.path("event").path("status").asText());
            }
        }
        return events;
    }

    private static String answerable(String standalone) {
        return "{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"" + standalone + "\",\"entities\":[]}";
    }

    private static long duckDb(String sql) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + stack.demoDb, readOnly);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "no row from " + sql);
            return rs.getLong(1);
        }
    }
}
