package io.kurobe.selection.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kurobe.data.Connector;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.guard.GuardPolicy;
import io.kurobe.data.jdbc.SqlText;
import io.kurobe.data.sqlite.SqliteConnector;
import io.kurobe.selection.Attempt;
import io.kurobe.selection.CandidateRunner;
import io.kurobe.selection.CandidateRunner.Proposal;
import io.kurobe.selection.Choice;
import io.kurobe.selection.ResultMatch;
import io.kurobe.selection.ResultSelector;
import io.kurobe.selection.ResultValues;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval-selection}: runs the selection rules over a directory of questions, candidates and SQLite files
 * (sqlite/&lt;db_id&gt;.sqlite), writes one choice per question, and prints execution accuracy of each system
 * alone, the naive vote, Kurobe's selection and the oracle, by difficulty — scored as the reference scorer
 * does: rows compared as multisets (as lists when the gold orders), column order significant, names not,
 * values normalized, errors and time-outs wrong.
 */
public final class SelectionEval {
    static final List<String> LEVELS = List.of("easy", "medium", "hard", "extra", "simple", "moderate",
            "challenging");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOTE = "naive vote";
    private static final String KUROBE = "kurobe selection";
    private static final String ORACLE = "oracle";

    private final ExecutionLimits scoring;
    private final CandidateRunner runner;
    private final List<String> prior;

    SelectionEval(Duration timeout, int rowCap, List<String> prior) {
        this.scoring = new ExecutionLimits(1_000_000, timeout);
        this.runner = new CandidateRunner(new ExecutionLimits(rowCap, timeout));
        this.prior = prior;
    }

    /** Per system (and vote, selection, oracle): per level [correct, n]. */
    record Summary(List<String> rows, Map<String, Map<String, int[]>> table, int questions) {
        double ex(String row, String level) {
            int[] c = table.get(row).get(level);
            return c == null || c[1] == 0 ? Double.NaN : 100.0 * c[0] / c[1];
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = arguments(args);
        if (a == null) {
            System.err.println("usage: eval-selection --questions <questions.jsonl> --candidates <candidates.jsonl>"
                    + " --db-dir <dir holding sqlite/<db_id>.sqlite> --out <choices.jsonl>"
                    + " [--prior system,system,...] [--limit N] [--timeout seconds]"
                    + " [--details <file: per question, which candidates were right>]");
            System.exit(2);
            return;
        }
        List<String> prior = a.containsKey("prior") ? List.of(a.get("prior").split(",")) : List.of();
        SelectionEval eval = new SelectionEval(Duration.ofMillis((long) (Double.parseDouble(
                a.getOrDefault("timeout", "30")) * 1000)), 100_000, prior);
        Summary summary = eval.run(Path.of(a.get("questions")), Path.of(a.get("candidates")), Path.of(a.get("db-dir")),
                Path.of(a.get("out")), Integer.parseInt(a.getOrDefault("limit", "0")),
                a.containsKey("details") ? Path.of(a.get("details")) : null);
        print(summary, System.out);
    }

    static Map<String, String> arguments(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                return null;
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0 || !a.keySet().containsAll(List.of("questions", "candidates", "db-dir", "out"))) {
            return null;
        }
        return a;
    }

    Summary run(Path questionsFile, Path candidatesFile, Path dbDir, Path out, int limit, Path detailsFile)
            throws IOException {
        List<JsonNode> questions = jsonLines(questionsFile);
        if (limit > 0 && questions.size() > limit) {
            questions = questions.subList(0, limit);
        }
        Map<String, List<Proposal>> candidates = new HashMap<>();
        Set<String> systems = new LinkedHashSet<>();
        for (JsonNode line : jsonLines(candidatesFile)) {
            List<Proposal> proposals = new ArrayList<>();
            for (JsonNode c : line.get("candidates")) {
                proposals.add(new Proposal(c.get("system").asText(), c.path("sql").asText("")));
                systems.add(c.get("system").asText());
            }
            candidates.put(line.get("id").asText(), proposals);
        }
        List<String> rows = new ArrayList<>(systems);
        rows.addAll(List.of(VOTE, KUROBE, ORACLE));
        Map<String, Map<String, int[]>> table = new LinkedHashMap<>();
        rows.forEach(r -> table.put(r, new LinkedHashMap<>()));
        ResultSelector selector = new ResultSelector(prior.isEmpty() ? List.copyOf(systems) : prior);
        Map<String, Connector> connectors = new HashMap<>();
        Map<String, GuardPolicy> policies = new HashMap<>();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             BufferedWriter details = detailsFile == null ? null
                     : Files.newBufferedWriter(detailsFile, StandardCharsets.UTF_8)) {
            for (JsonNode q : questions) {
                String id = q.get("id").asText();
                String db = q.get("db_id").asText();
                String level = q.path("difficulty").asText("n/a");
                Connector connector = connectors.computeIfAbsent(db, d -> new SqliteConnector(d,
                        "jdbc:sqlite:" + dbDir.resolve("sqlite").resolve(d + ".sqlite")));
                GuardPolicy policy = policies.computeIfAbsent(db,
                        d -> GuardPolicy.forSchema(connector.introspect(), 100_000));
                List<Proposal> proposals = candidates.getOrDefault(id, List.of());
                String goldSql = q.get("gold_sql").asText();
                List<List<Object>> gold = rows(connector, goldSql);
                boolean goldOrdered = SqlText.hasTopLevelOrderBy(goldSql);
                List<List<List<Object>>> raw = new ArrayList<>();
                boolean[] correct = new boolean[proposals.size()];
                for (int i = 0; i < proposals.size(); i++) {
                    List<List<Object>> r = rows(connector, proposals.get(i).sql());
                    raw.add(r);
                    correct[i] = gold != null && r != null && ResultMatch.matches(gold, r, goldOrdered, false);
                    count(table, proposals.get(i).system(), level, correct[i]);
                }
                int vote = naiveVote(proposals, raw);
                count(table, VOTE, level, vote >= 0 && correct[vote]);
                boolean any = false;
                for (boolean c : correct) {
                    any |= c;
                }
                count(table, ORACLE, level, any);
                ObjectNode line = JSON.createObjectNode().put("id", id);
                if (proposals.isEmpty()) {
                    line.put("sql", "").put("confidence", 0.0).put("reason", "no candidate").put("low_confidence", true);
                    count(table, KUROBE, level, false);
                } else {
                    List<Attempt> attempts = runner.run(connector, policy, proposals);
                    Choice choice = selector.choose(q.get("question").asText(), attempts);
                    count(table, KUROBE, level, correct[choice.index()]);
                    line.put("sql", proposals.get(choice.index()).sql())
                            .put("system", proposals.get(choice.index()).system())
                            .put("confidence", Math.round(choice.confidence() * 1000) / 1000.0)
                            .put("reason", choice.reason()).put("low_confidence", choice.lowConfidence());
                }
                w.write(JSON.writeValueAsString(line));
                w.newLine();
                if (details != null) {
                    ObjectNode d = JSON.createObjectNode().put("id", id).put("level", level)
                            .put("question", q.get("question").asText()).put("chosen", line.path("system").asText())
                            .put("reason", line.path("reason").asText()).put("gold", goldSql);
                    for (int i = 0; i < proposals.size(); i++) {
                        d.put(proposals.get(i).system(), (correct[i] ? "OK " : "-- ") + proposals.get(i).sql());
                    }
                    details.write(JSON.writeValueAsString(d));
                    details.newLine();
                }
            }
        } finally {
            connectors.values().forEach(Connector::close);
        }
        return new Summary(rows, table, questions.size());
    }

    /** The reference scorer's execution: trailing semicolons stripped, errors, time-outs and too many rows null. */
    private List<List<Object>> rows(Connector connector, String sql) {
        String s = sql == null ? "" : sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        if (s.isEmpty()) {
            return null;
        }
        try {
            QueryResult r = connector.execute(s, scoring);
            return r.truncated() ? null : ResultValues.normalize(r.rows());
        } catch (QueryFailedException e) {
            return null;
        }
    }

    /** The largest group of identical results; ties to the first system listed. */
    static int naiveVote(List<Proposal> proposals, List<List<List<Object>>> results) {
        int best = -1;
        int bestSize = 0;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                continue;
            }
            int size = 0;
            boolean iOrdered = SqlText.hasTopLevelOrderBy(proposals.get(i).sql());
            for (int j = 0; j < results.size(); j++) {
                if (results.get(j) != null && ResultMatch.matches(results.get(i), results.get(j),
                        iOrdered && SqlText.hasTopLevelOrderBy(proposals.get(j).sql()), false)) {
                    size++;
                }
            }
            if (size > bestSize) {
                best = i;
                bestSize = size;
            }
        }
        return best;
    }

    private static void count(Map<String, Map<String, int[]>> table, String row, String level, boolean ok) {
        for (String l : List.of(level, "all")) {
            int[] c = table.get(row).computeIfAbsent(l, k -> new int[2]);
            c[0] += ok ? 1 : 0;
            c[1]++;
        }
    }

    static void print(Summary s, PrintStream out) {
        List<String> levels = new ArrayList<>();
        for (String l : LEVELS) {
            if (s.table().values().stream().anyMatch(m -> m.containsKey(l))) {
                levels.add(l);
            }
        }
        for (String l : s.table().get(ORACLE).keySet()) {
            if (!levels.contains(l) && !l.equals("all")) {
                levels.add(l);
            }
        }
        levels.add("all");
        out.println("questions: " + s.questions() + "   execution accuracy (EX %), scored as spider_score.py");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-20s", "system"));
        for (String l : levels) {
            int n = s.table().get(ORACLE).getOrDefault(l, new int[2])[1];
            header.append(String.format(Locale.ROOT, "%14s", l + " (" + n + ")"));
        }
        out.println(header);
        for (String row : s.rows()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s", row));
            for (String l : levels) {
                line.append(String.format(Locale.ROOT, "%14.1f", s.ex(row, l)));
            }
            out.println(line);
        }
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}
