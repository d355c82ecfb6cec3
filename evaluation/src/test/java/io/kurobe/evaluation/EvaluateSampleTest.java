package io.kurobe.evaluation;

import io.kurobe.generation.OfflineGenerators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The evaluation command end to end on a sample of the benchmark's public set (one database and its questions,
 * copied to a directory of the same layout, loaded under a prefix of its own): every question gets a prediction
 * line, and the offline engine keeps an execution accuracy above a floor well below its measured figure.
 */
class EvaluateSampleTest {
    private static final Path BENCH = Path.of(System.getProperty("kurobe.bench.dir", "../../shared/bench/public"));
    private static final String DB = "broker";
    private static final String PREFIX = "kurobe_evaltest_";
    /** Measured 45.2% (14/31) on this sample (docs/quality.md); the floor leaves room for honest changes. */
    private static final double FLOOR = Double.parseDouble(System.getProperty("kurobe.eval.floor", "15"));
    private static Psql psql;

    @BeforeAll
    static void reachable() {
        psql = EvalFixture.psql(PREFIX);
    }

    @AfterAll
    static void drop() {
        EvalFixture.drop(psql, List.of(DB, "eateries", "reviews"));
    }

    /**
     * A hand-made directory of the same layout (src/test/resources/handmade: a restaurants and a reviews database
     * of its own and twenty-six questions written for this test), so the command is checked on schemas it was not
     * built on.
     */
    @Test
    void scoresAHandMadeDirectory(@TempDir Path dir) throws IOException, java.net.URISyntaxException {
        EvalFixture.handmade(dir);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Evaluate.Report report = Evaluate.run(psql, dir.resolve("questions.jsonl"), dir, dir.resolve("out.jsonl"),
                OfflineGenerators.named(OfflineGenerators.DEFAULT), Integer.MAX_VALUE, false, null,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(26, report.questions());
        // measured 24/26; the floor is well below
        assertTrue(report.accuracy() >= 50, text);
        // the description in meta/ became a column comment
        Psql.Result comment = psql.query(psql.database("eateries"), "SELECT col_description('restaurant'::regclass, 5)", 10);
        assertEquals("average customer rating out of 5", comment.rows().get(0).get(0));
    }

    @Test
    void scoresASampleAboveTheFloor(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isRegularFile(BENCH.resolve("sql").resolve(DB + ".sql")), "benchmark directory "
                + BENCH.toAbsolutePath() + " is absent; set -Dkurobe.bench.dir");
        Files.createDirectories(dir.resolve("sql"));
        Files.createDirectories(dir.resolve("meta"));
        Files.copy(BENCH.resolve("sql").resolve(DB + ".sql"), dir.resolve("sql").resolve(DB + ".sql"));
        Files.copy(BENCH.resolve("meta").resolve(DB + ".json"), dir.resolve("meta").resolve(DB + ".json"));
        List<String> sample = Files.readAllLines(BENCH.resolve("questions.jsonl")).stream()
                .filter(l -> l.contains("\"db_id\": \"" + DB + "\"")).toList();
        Files.write(dir.resolve("questions.jsonl"), sample);
        Path out = dir.resolve("predictions.jsonl");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Evaluate.Report report = Evaluate.run(psql, dir.resolve("questions.jsonl"), dir, out,
                OfflineGenerators.named(OfflineGenerators.DEFAULT), Integer.MAX_VALUE, true, null,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals(sample.size(), report.questions());
        assertEquals(sample.size(), Files.readAllLines(out).size());
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("execution accuracy"), text);
        assertTrue(report.accuracy() >= FLOOR, "execution accuracy " + report.accuracy() + "% fell below the floor "
                + FLOOR + "%:\n" + text);
        // linking keeps every gold column the engine might need
        assertTrue(report.recall() > 0.9, text);
    }
}
