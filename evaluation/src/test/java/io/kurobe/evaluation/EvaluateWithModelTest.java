package io.kurobe.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kurobe.generation.OfflineGenerators;
import io.kurobe.llm.testing.FakeVendorServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluation command with a model configured by a {@code --llm} properties file: the model generator is asked
 * (a local server speaking OpenAI's API), its SQL is executed and scored, and the calls and tokens per question are
 * counted from what the server reported.
 */
class EvaluateWithModelTest {
    private static final String PREFIX = "kurobe_evalmodel_";
    private static final String CITY_SQL = "SELECT city_name, COUNT(*) FROM restaurant GROUP BY city_name";
    private static final String FOOD_SQL = "SELECT food_type, AVG(rating) FROM restaurant GROUP BY food_type";
    private static Psql psql;

    @BeforeAll
    static void reachable() {
        psql = EvalFixture.psql(PREFIX);
    }

    @AfterAll
    static void drop() {
        EvalFixture.drop(psql, EvalFixture.HANDMADE_DBS);
    }

    @Test
    void aConfiguredModelGeneratorIsAskedScoredAndItsCallsCounted(@TempDir Path dir)
            throws IOException, URISyntaxException {
        EvalFixture.handmade(dir);

        try (FakeVendorServer server = FakeVendorServer.start(FakeVendorServer.Vendor.OPENAI)) {
            // the model answers the two questions asked, each with the SQL its question needs
            server.respond(request -> FakeVendorServer.answer("```sql\n"
                    + (FakeVendorServer.userText(request).contains("each city") ? CITY_SQL : FOOD_SQL) + "\n```",
                    120, 30));
            Properties llm = new Properties();
            llm.putAll(server.roleConfig("fake", "XiYanSQL-QwenCoder", "generator.xiyan"));
            Path llmFile = dir.resolve("llm.properties");
            try (var writer = Files.newBufferedWriter(llmFile, StandardCharsets.UTF_8)) {
                llm.store(writer, "the evaluation's models");
            }
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Path details = dir.resolve("details.jsonl");

            Evaluate.Report report = Evaluate.run(psql, dir.resolve("questions.jsonl"), dir, dir.resolve("out.jsonl"),
                    OfflineGenerators.named(OfflineGenerators.DEFAULT), Evaluate.models(llmFile), List.of(), 2, false, details,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));

            String text = printed.toString(StandardCharsets.UTF_8);
            assertEquals(2, server.requestCount(), text);
            assertEquals(2, report.questions());
            assertEquals(2, report.correct(), text);
            assertEquals(2, report.usage().calls(), text);
            assertEquals(240, report.usage().tokensIn(), text);
            assertEquals(2, report.usage().byRole().get("generator.xiyan").calls(), text);
            assertTrue(text.contains("1.00 calls, 120 tokens in, 30 out (generators: offline, xiyan)"), text);
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(details)) {
                JsonNode d = json.readTree(line);
                assertEquals(1, d.path("llm_calls").asInt(), line);
            }
        }
    }

    @Test
    void anIclGeneratorIsShownOtherQuestionsOfTheSameDatabaseAsExamplesNeverItsOwn(@TempDir Path dir)
            throws IOException, URISyntaxException {
        Path questions = EvalFixture.handmade(dir);
        List<BenchQuestion> all = Evaluate.read(questions);

        try (FakeVendorServer server = FakeVendorServer.start(FakeVendorServer.Vendor.OPENAI)) {
            // the question asked is the last one of the prompt; the examples come before it
            server.respond(request -> {
                String prompt = FakeVendorServer.userText(request);
                String asked = prompt.substring(prompt.lastIndexOf("【用户问题】"));
                return FakeVendorServer.answer("```sql\n" + (asked.contains("each city") ? CITY_SQL : FOOD_SQL)
                        + "\n```", 300, 30);
            });
            Properties llm = new Properties();
            llm.putAll(server.roleConfig("fake", "qwen", "generator.icl"));
            Path llmFile = dir.resolve("llm.properties");
            try (var writer = Files.newBufferedWriter(llmFile, StandardCharsets.UTF_8)) {
                llm.store(writer, "the evaluation's models");
            }
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            Evaluate.Report report = Evaluate.run(psql, questions, dir, dir.resolve("out.jsonl"),
                    OfflineGenerators.named(OfflineGenerators.DEFAULT), Evaluate.models(llmFile), all, 2, false, null,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));

            String text = printed.toString(StandardCharsets.UTF_8);
            assertEquals(2, server.requestCount(), text);
            assertEquals(2, report.correct(), text);
            for (int i = 0; i < 2; i++) {
                String prompt = FakeVendorServer.userText(server.requests().get(i));
                assertTrue(prompt.contains("【参考示例】"), prompt);
                BenchQuestion asked = all.stream().filter(q -> prompt.contains(q.question())
                        && !prompt.contains("```sql\n" + q.goldSql().strip() + "\n```")).findFirst().orElseThrow();
                assertTrue(asked.id().equals("m1") || asked.id().equals("m2"), asked.id());
                for (BenchQuestion q : all) {
                    boolean shown = prompt.contains("```sql\n" + q.goldSql().strip() + "\n```");
                    if (q.id().equals(asked.id()) || !q.dbId().equals("eateries")) {
                        assertTrue(!shown, q.id() + " must not be an example when " + asked.id() + " is asked:\n"
                                + prompt);
                    }
                }
                assertTrue(all.stream().filter(q -> q.dbId().equals("eateries") && !q.goldSql().contains("{"))
                        .anyMatch(q -> prompt.contains("```sql\n" + q.goldSql().strip() + "\n```")), prompt);
            }
        }
    }

    @Test
    void withoutModelsNoRoleIsConfiguredAndTheReportSaysNoModelWasCalled(@TempDir Path dir) throws IOException {
        assertTrue(Evaluate.models(null).roles().isEmpty());
        Path empty = dir.resolve("none.properties");
        Files.writeString(empty, "# no models\n");
        assertTrue(Evaluate.models(empty).roles().isEmpty());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Evaluate.print(new Evaluate.Report(2, 1, java.util.Map.of("all", new int[]{1, 2}), 2, 1.0, 1.0, 0.1,
                io.kurobe.model.ModelUsage.NONE), List.of("offline"), new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains(
                "0.00 calls, 0 tokens in, 0 out (generators: offline; no model was called)"), printed.toString());
    }
}
