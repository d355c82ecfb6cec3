package io.kurobe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.kurobe.llm.testing.FakeVendorServer;
import io.kurobe.model.EventJson;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Issue 4's acceptance: the OpenAI-compatible configuration of the intent role and a XiYan generator points at a
 * local server (in this JVM) answering intent JSON and SQL, so a question flows through the model path end to end;
 * stopping that server mid-run makes the next questions fall back to the offline path, and the metrics show it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelPathEndToEndTest {
    private static final Duration ANSWER = Duration.ofSeconds(90);
    private static final String MODEL_SQL = "SELECT count(*) AS orders_by_model FROM orders "
            + "WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'";
    /** What the ICL generator's model answers once it is shown examples: the 2023 count, as the question asks. */
    private static final String ICL_SQL = "SELECT count(*) AS orders_by_icl FROM orders "
            + "WHERE order_date >= DATE '2023-01-01' AND order_date < DATE '2024-01-01'";
    private static final Pattern QUESTION = Pattern.compile("<<<QUESTION\\n(.*?)\\nQUESTION>>>", Pattern.DOTALL);

    private static FakeVendorServer model;
    private static Stack stack;
    private static Api api;
    /** The first question, answered on the model path; Order 2 confirms it. */
    private static String first;

    @BeforeAll
    static void startStack() throws Exception {
        model = FakeVendorServer.start(FakeVendorServer.Vendor.OPENAI).respond(request -> {
            String asked = FakeVendorServer.userText(request);
            if (asked.contains("【参考示例】")) {
                return answer("```sql\n" + ICL_SQL + "\n```", 600, 40);
            }
            if (asked.contains("【数据库schema】")) {
                return answer(MODEL_SQL + "\n```", 400, 40);
            }
            Matcher question = QUESTION.matcher(asked);
            String standalone = question.find() ? question.group(1).replace("\"", "'") : "How many orders?";
            return answer("{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"" + standalone + "\",\"entities\":[]}",
                    150, 30);
        });
        stack = Stack.startWithModel(model, "fake-xiyan", "XiYanSQL-QwenCoder-7B-2504", "e2e-models.properties",
                "intent", "generator.xiyan", "generator.icl");
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
    void aQuestionFlowsThroughTheModelPath() throws Exception {
        String id = api.ask("How many orders were placed in 2024?");
        List<JsonNode> messages = api.stream(id, ANSWER);

        JsonNode answer = messages.get(messages.size() - 1);
        assertEquals("answer", answer.path("type").asText(), "last message is the answer: " + answer);
        assertEquals(MODEL_SQL, answer.path("event").path("panels").get(0).path("sql").asText(), answer.toString());
        List<String> progress = progress(messages);
        assertTrue(progress.stream().anyMatch(m -> m.startsWith("INTENT DONE answerable (model fake-xiyan")),
                progress.toString());
        assertTrue(progress.stream().anyMatch(m -> m.startsWith("CANDIDATE DONE") && m.contains("xiyan by model fake-xiyan")),
                progress.toString());
        // the ICL generator has no example of the demo connection yet: it says so and calls no model
        assertTrue(progress.stream().anyMatch(m -> m.startsWith("CANDIDATE DONE")
                && m.contains("icl gave no candidate: no examples for connection demo yet")), progress.toString());
        first = id;
    }

    /**
     * Issue 5's example loop: confirming the answer makes it an example of the connection (gateway → topic
     * 'examples' → every candidate-stage replica), and the next, similar question's ICL prompt shows it.
     */
    @Test
    @Order(2)
    void aConfirmedAnswerBecomesAnExampleThatTheIclGeneratorShowsNext() throws Exception {
        api.awaitEnd(first, ANSWER);
        int asked = model.requestCount();
        JsonNode feedback = api.post("/api/questions/" + first + "/feedback",
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("correct", true), 201);
        assertEquals(MODEL_SQL, feedback.path("example").path("sql").asText(), feedback.toString());
        awaitMetric("candidate-stage", "kurobe_icl_examples", 1.0);

        String id = api.ask("How many orders were placed in 2023?");
        List<JsonNode> messages = api.stream(id, ANSWER);

        assertEquals("answer", messages.get(messages.size() - 1).path("type").asText(), messages.toString());
        List<String> prompts = model.requests().subList(asked, model.requestCount()).stream()
                .map(FakeVendorServer::userText).filter(p -> p.contains("【参考示例】")).toList();
        assertEquals(1, prompts.size(), "one ICL prompt with examples");
        String examples = prompts.get(0).substring(prompts.get(0).indexOf("【参考示例】"));
        assertTrue(examples.contains("How many orders were placed in 2024?") && examples.contains(MODEL_SQL),
                prompts.get(0));
        List<String> progress = progress(messages);
        assertTrue(progress.stream().anyMatch(m -> m.startsWith("CANDIDATE DONE 3 candidates")
                && m.contains("icl by model fake-xiyan")), progress.toString());
    }

    @Test
    @Order(3)
    void stoppingTheModelServerMakesTheNextQuestionsFallBackAndTheMetricsShowIt() throws Exception {
        model.close();
        for (String question : List.of("How many orders were placed in 2024?", "List the products")) {
            String id = api.ask(question);
            List<JsonNode> messages = api.stream(id, ANSWER);

            assertEquals("answer", messages.get(messages.size() - 1).path("type").asText(), messages.toString());
            List<String> progress = progress(messages);
            assertTrue(progress.stream().anyMatch(m -> m.startsWith("INTENT DONE") && m.contains("offline")),
                    progress.toString());
            assertTrue(progress.stream().anyMatch(m -> m.startsWith("CANDIDATE DONE 1 candidates, 1 executed")),
                    progress.toString());
            // intent, the XiYan generator and the ICL generator (which has an example since Order 2) fall back
            List<String> notes = progressOnTopic(id, 3);
            assertTrue(notes.contains("intent: model fake-xiyan could not be reached, using the offline rules"),
                    notes.toString());
            assertTrue(notes.contains("generator.xiyan: model fake-xiyan could not be reached, using the offline engine"),
                    notes.toString());
        }
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.get("candidate-stage").url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("kurobe_llm_fallbacks_total")
                && line.contains("role=\"generator.xiyan\"") && line.contains("fault=\"unreachable\"")
                && line.endsWith(" 2.0")), metrics);
    }

    /** Waits until a service's metric reaches a value (an example travels the topic to the stage). */
    private static void awaitMetric(String service, String metric, double atLeast) throws Exception {
        long end = System.nanoTime() + ANSWER.toNanos();
        String seen = "";
        while (System.nanoTime() < end) {
            seen = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(stack.get(service).url() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (seen.lines().filter(line -> line.startsWith(metric + " ") || line.startsWith(metric + "{"))
                    .anyMatch(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= atLeast)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(service + " never showed " + metric + " >= " + atLeast + ":\n" + seen);
    }

    /** The progress messages of a question on question.progress, once the question's stages have sent them. */
    private static List<String> progressOnTopic(String id, int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> notes = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.QUESTION_PROGRESS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + ANSWER.toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (id.equals(r.key())) {
                        String message = EventJson.read(r.value(), QuestionProgress.class).message();
                        if (message != null && message.contains(": model ")) {
                            notes.add(message);
                        }
                    }
                }
                if (notes.size() >= atLeast) {
                    return notes;
                }
            }
        }
        return notes;
    }

    private static List<String> progress(List<JsonNode> messages) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : messages) {
            if (m.path("type").asText().equals("progress")) {
                JsonNode e = m.path("event");
                out.add(e.path("stage").asText() + " " + e.path("status").asText() + " " + e.path("message").asText());
            }
        }
        return out;
    }
}
