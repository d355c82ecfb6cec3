package io.kurobe.evaluation;

import io.kurobe.data.demo.DemoDatabase;
import io.kurobe.generation.OfflineGenerators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo question set ({@code ./kurobe eval --demo DIR}): the demo database written as a PostgreSQL script holds
 * the same data as the DuckDB file {@code ./kurobe up} serves, every gold query runs, and the offline engine stays
 * above a floor well below its measured figure (docs/quality.md).
 */
class DemoSetTest {
    private static final String PREFIX = "kurobe_demotest_";
    private static Psql psql;

    @BeforeAll
    static void reachable() {
        psql = EvalFixture.psql(PREFIX);
    }

    @AfterAll
    static void drop() {
        EvalFixture.drop(psql, List.of(DemoSet.DB_ID));
    }

    @Test
    void theDemoSetLoadsTheDemoDataAndTheOfflineEngineAnswersMostOfIt(@TempDir Path dir) throws Exception {
        DemoSet.write(dir.resolve("set"));
        Path set = dir.resolve("set");
        List<BenchQuestion> questions = Evaluate.read(set.resolve("questions.jsonl"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Evaluate.Report report = Evaluate.run(psql, set.resolve("questions.jsonl"), set, dir.resolve("out.jsonl"),
                OfflineGenerators.named(OfflineGenerators.DEFAULT), Integer.MAX_VALUE, true, null,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(questions.size(), report.questions());
        String database = psql.database(DemoSet.DB_ID);
        // the same rows as the DuckDB demo database
        for (String table : DemoDatabase.tables()) {
            assertEquals(duckDbCount(dir, table), Long.parseLong(String.valueOf(
                    psql.query(database, "SELECT count(*) FROM " + table, 30).rows().get(0).get(0))), table);
        }
        // every gold alternative executes
        for (BenchQuestion q : questions) {
            for (String gold : ExecutionScorer.expand(q.goldSql())) {
                psql.query(database, gold, 30);
            }
        }
        // measured in docs/quality.md; the floor leaves room for honest changes
        assertTrue(report.accuracy() >= 50, text);
    }

    private static long duckDbCount(Path dir, String table) throws SQLException {
        Path file = dir.resolve("check.duckdb");
        if (!Files.exists(file)) {
            DemoDatabase.create(file);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
