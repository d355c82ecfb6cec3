package io.kurobe.data.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.data.guard.GuardPolicy;
import io.kurobe.data.guard.GuardVerdict;
import io.kurobe.data.guard.SqlGuard;
import io.kurobe.data.mschema.MSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The benchmark's academic database loaded into the machine's PostgreSQL: introspection finds every table, its
 * M-Schema matches the golden file (rewrite with {@code -Dkurobe.golden.update=true} and review the diff), and every
 * gold query runs through the guard and the connector.
 */
class PostgresBenchmarkTest {
    private static final Path BENCH = Path.of(System.getProperty("kurobe.bench.dir", "../../shared/bench/public"));
    private static final String DB = "kurobe_dp_academic";
    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)CREATE\\s+TABLE\\s+public\\.(\\w+)\\s*\\(");
    private static final Pattern GROUP = Pattern.compile("\\{([^{}]*)\\}");
    private static PostgresConnector connector;
    private static SchemaSnapshot snapshot;

    @BeforeAll
    static void loadAcademic() throws IOException, SQLException {
        LocalPostgres.assumeRunning();
        assumeTrue(Files.isRegularFile(script()), "benchmark script " + script().toAbsolutePath()
                + " is absent; set -Dkurobe.bench.dir to load it");
        LocalPostgres.recreate(DB);
        LocalPostgres.run(DB, Files.readString(script()));
        connector = new PostgresConnector("academic", LocalPostgres.url(DB), LocalPostgres.USER, null);
        snapshot = connector.introspect();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (connector != null) {
            connector.close();
        }
        LocalPostgres.drop(DB);
    }

    private static Path script() {
        return BENCH.resolve("sql").resolve("academic.sql");
    }

    @Test
    void findsEveryTableOfTheScript() throws IOException {
        List<String> created = new ArrayList<>();
        Matcher m = CREATE_TABLE.matcher(Files.readString(script()));
        while (m.find()) {
            created.add(m.group(1));
        }
        assertEquals(15, created.size(), "tables in academic.sql");
        assertEquals(created.stream().sorted().toList(), snapshot.tables().stream().map(TableInfo::name).toList());
        for (TableInfo table : snapshot.tables()) {
            assertTrue(table.rowCount() > 0, table.name() + " has rows");
            assertFalse(table.columns().isEmpty(), table.name() + " has columns");
        }
    }

    @Test
    void rendersTheAcademicMSchema() throws IOException {
        String actual = MSchema.render(snapshot) + "\n";
        String name = "academic-postgres.txt";
        if (Boolean.getBoolean("kurobe.golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden", name), actual, StandardCharsets.UTF_8);
        }
        try (InputStream in = PostgresBenchmarkTest.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "golden file " + name);
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual);
        }
    }

    @Test
    void runsEveryAcademicGoldQueryThroughTheGuardAndTheConnector() throws IOException {
        GuardPolicy policy = GuardPolicy.forSchema(snapshot, 1000);
        SqlGuard guard = new SqlGuard();
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (String line : Files.readAllLines(BENCH.resolve("questions.jsonl"))) {
            JsonNode question = line.isBlank() ? null : json.readTree(line);
            if (question == null || !question.get("db_id").asText().equals("academic")) {
                continue;
            }
            for (String gold : alternatives(question.get("gold_sql").asText())) {
                GuardVerdict verdict = guard.check(gold, policy);
                if (!verdict.isAccepted()) {
                    failures.add(question.get("id").asText() + " refused: " + verdict.reason());
                    continue;
                }
                try {
                    connector.execute(verdict.sql(), ExecutionLimits.DEFAULT);
                    ran++;
                } catch (QueryFailedException e) {
                    failures.add(question.get("id").asText() + " failed: " + e.getMessage() + "\n    " + verdict.sql());
                }
            }
        }
        assertTrue(ran >= 25, "academic gold queries run: " + ran);
        assertEquals(List.of(), failures);
    }

    /** The gold's ';'-separated alternatives, each '{a, b}' group with all its columns and '{}' repeating the first. */
    private static List<String> alternatives(String gold) {
        List<String> out = new ArrayList<>();
        for (String part : gold.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = GROUP.matcher(part.strip());
            StringBuilder filled = new StringBuilder();
            String first = null;
            while (m.find()) {
                if (first == null && !m.group(1).isBlank()) {
                    first = m.group(1).strip();
                }
                m.appendReplacement(filled, Matcher.quoteReplacement(m.group(1).isBlank() ? first : m.group(1).strip()));
            }
            m.appendTail(filled);
            out.add(filled.toString());
        }
        return out;
    }
}
