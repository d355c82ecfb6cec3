package io.kurobe.data.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kurobe.data.Engine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every gold query of the benchmark, in every alternative score.py expands, passes the guard with the tables of its
 * database: the guard must not refuse a valid read query.
 */
class GoldQueriesTest {
    private static final Path BENCH = Path.of(System.getProperty("kurobe.bench.dir", "../../shared/bench/public"));
    private static final Path SPIDER =
            Path.of(System.getProperty("kurobe.spider.dir", "../../shared/bench/spider-public"));
    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([\\w.\"]+)\\s*\\(");
    private static final Pattern GROUP = Pattern.compile("\\{([^{}]*)\\}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SqlGuard GUARD = new SqlGuard();
    private static final Map<String, Set<String>> TABLES = new HashMap<>();

    @Test
    void acceptsEveryGoldQueryOfTheBenchmark() throws IOException {
        assumeTrue(Files.isDirectory(BENCH), "benchmark directory " + BENCH.toAbsolutePath()
                + " is absent; set -Dkurobe.bench.dir to run the gold queries through the guard");
        List<String> falseRejections = new ArrayList<>();
        int checked = 0;
        for (JsonNode question : questions(BENCH)) {
            GuardPolicy policy = GuardPolicy.of(Engine.POSTGRES, tables(BENCH, question.get("db_id").asText()), 1000);
            for (String gold : expand(question.get("gold_sql").asText())) {
                checked++;
                GuardVerdict verdict = GUARD.check(gold, policy);
                if (!verdict.isAccepted()) {
                    falseRejections.add(question.get("id").asText() + ": " + verdict.reason() + "\n    " + gold);
                }
            }
        }
        assertTrue(checked > 0, "no gold query found under " + BENCH);
        assertEquals(List.of(), falseRejections, falseRejections.size() + " of " + checked + " gold queries refused");
    }

    /** Spider's gold is SQLite, which the guard has no dialect for yet; DuckDB's rules read all of it today. */
    @Test
    void acceptsSpiderGoldUnderDuckDbRules() throws IOException {
        assumeTrue(Files.isDirectory(SPIDER), "Spider directory " + SPIDER.toAbsolutePath()
                + " is absent; set -Dkurobe.spider.dir to measure the guard on Spider's gold");
        List<String> refused = new ArrayList<>();
        List<JsonNode> questions = questions(SPIDER);
        for (JsonNode question : questions) {
            GuardPolicy policy = GuardPolicy.of(Engine.DUCKDB, tables(SPIDER, question.get("db_id").asText()), 1000);
            GuardVerdict verdict = GUARD.check(question.get("gold_sql").asText(), policy);
            if (!verdict.isAccepted()) {
                refused.add(question.get("id").asText() + ": " + verdict.reason());
            }
        }
        assertEquals(List.of(), refused, refused.size() + " of " + questions.size() + " Spider gold queries refused");
    }

    /**
     * SQL that four published systems generated for Spider: the guard refuses none of it for its tables or
     * functions; the only refusals are candidates cut off mid-query, which no engine could read either.
     */
    @Test
    void refusesNoSpiderCandidateExceptUnreadableOnes() throws IOException {
        Path candidates = SPIDER.resolve("candidates.jsonl");
        assumeTrue(Files.isRegularFile(candidates), candidates.toAbsolutePath() + " is absent");
        Map<String, String> dbIds = new HashMap<>();
        for (JsonNode question : questions(SPIDER)) {
            dbIds.put(question.get("id").asText(), question.get("db_id").asText());
        }
        List<String> refused = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(candidates)) {
            JsonNode entry = JSON.readTree(line);
            String dbId = dbIds.get(entry.get("id").asText());
            GuardPolicy policy = GuardPolicy.of(Engine.DUCKDB, tables(SPIDER, dbId), 1000);
            for (JsonNode candidate : entry.get("candidates")) {
                checked++;
                GuardVerdict verdict = GUARD.check(candidate.get("sql").asText(), policy);
                if (!verdict.isAccepted() && !verdict.reason().startsWith("the SQL could not be parsed")) {
                    refused.add(entry.get("id").asText() + " " + candidate.get("system").asText() + ": "
                            + verdict.reason());
                }
            }
        }
        assertTrue(checked > 1000, "expected the four systems' candidates, found " + checked);
        assertEquals(List.of(), refused);
    }

    @Test
    void expandsAlternativesAndColumnGroupsAsScorePyDoes() {
        assertEquals(List.of("SELECT a FROM t", "SELECT b FROM u"), expand("SELECT a FROM t;SELECT b FROM u;"));
        assertEquals(List.of("SELECT a, x FROM t GROUP BY a", "SELECT b, x FROM t GROUP BY b",
                        "SELECT a, b, x FROM t GROUP BY a, b"),
                expand("SELECT {a, b}, x FROM t GROUP BY {}"));
    }

    private static List<JsonNode> questions(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("questions.jsonl"))) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static Set<String> tables(Path dir, String dbId) throws IOException {
        String key = dir + "/" + dbId;
        if (!TABLES.containsKey(key)) {
            Set<String> names = new LinkedHashSet<>();
            Matcher m = CREATE_TABLE.matcher(Files.readString(dir.resolve("sql").resolve(dbId + ".sql")));
            while (m.find()) {
                names.add(m.group(1).replace("\"", ""));
            }
            TABLES.put(key, names);
        }
        return TABLES.get(key);
    }

    /**
     * score.py's expand: alternatives split at ';'; each '{a, b}' group offers each column and all of them; an empty
     * '{}' repeats the choice made for the first group.
     */
    static List<String> expand(String gold) {
        List<String> out = new ArrayList<>();
        for (String part : gold.split(";")) {
            String alternative = part.strip();
            if (alternative.isEmpty()) {
                continue;
            }
            List<List<String>> choices = new ArrayList<>();
            Matcher m = GROUP.matcher(alternative);
            while (m.find()) {
                if (m.group(1).isBlank()) {
                    continue;
                }
                List<String> options = new ArrayList<>();
                for (String option : m.group(1).split(",")) {
                    if (!option.isBlank()) {
                        options.add(option.strip());
                    }
                }
                if (options.size() > 1) {
                    options.add(String.join(", ", options));
                }
                choices.add(options);
            }
            if (choices.isEmpty()) {
                out.add(alternative);
                continue;
            }
            for (List<String> combo : product(choices)) {
                out.add(fill(alternative, combo));
            }
        }
        return out;
    }

    private static List<List<String>> product(List<List<String>> choices) {
        List<List<String>> combos = new ArrayList<>();
        combos.add(List.of());
        for (List<String> options : choices) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : combos) {
                for (String option : options) {
                    List<String> combo = new ArrayList<>(prefix);
                    combo.add(option);
                    next.add(combo);
                }
            }
            combos = next;
        }
        return combos;
    }

    private static String fill(String alternative, List<String> combo) {
        Matcher m = GROUP.matcher(alternative);
        StringBuilder out = new StringBuilder();
        int next = 0;
        while (m.find()) {
            String replacement = m.group(1).isBlank() ? combo.get(0) : combo.get(next++);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
