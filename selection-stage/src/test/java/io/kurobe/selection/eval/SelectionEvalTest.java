package io.kurobe.selection.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The evaluation on the first 40 questions of the public Spider half, when it is present. */
class SelectionEvalTest {
    private static final Path SPIDER =
            Path.of(System.getProperty("kurobe.spider.dir", "../../shared/bench/spider-public"));

    @Test
    void selectsOnASampleAboveAFloor(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isDirectory(SPIDER.resolve("sqlite")), "Spider directory " + SPIDER.toAbsolutePath()
                + " is absent; set -Dkurobe.spider.dir to run the selection evaluation");
        Path out = dir.resolve("choices.jsonl");
        SelectionEval eval = new SelectionEval(Duration.ofSeconds(30), 100_000, List.of());
        SelectionEval.Summary s = eval.run(SPIDER.resolve("questions.jsonl"), SPIDER.resolve("candidates.jsonl"),
                SPIDER, out, 40, null);
        assertEquals(40, s.questions());
        double kurobe = s.ex("kurobe selection", "all");
        double oracle = s.ex("oracle", "all");
        assertTrue(kurobe >= 75.0, "selection scored " + kurobe + "% on the sample");
        assertTrue(kurobe <= oracle, "no selection beats the oracle: " + kurobe + " > " + oracle);
        List<String> lines = Files.readAllLines(out);
        assertEquals(40, lines.size());
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode choice = json.readTree(line);
            assertTrue(choice.get("id").asText().startsWith("spider_dev_"));
            assertTrue(!choice.get("sql").asText().isBlank(), line);
            assertTrue(choice.get("reason").asText().startsWith("chose "), line);
            double confidence = choice.get("confidence").asDouble();
            assertTrue(confidence >= 0 && confidence <= 1, line);
        }
    }

    @Test
    void refusesIncompleteArguments() {
        assertNull(SelectionEval.arguments(new String[] {"--questions", "q.jsonl"}));
        assertNull(SelectionEval.arguments(new String[] {"--questions"}));
        assertEquals("o.jsonl", SelectionEval.arguments(new String[] {"--questions", "q", "--candidates", "c",
                "--db-dir", "d", "--out", "o.jsonl"}).get("out"));
    }
}
