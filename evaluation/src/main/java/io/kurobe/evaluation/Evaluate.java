package io.kurobe.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kurobe.generation.OfflineGenerators;
import io.kurobe.generation.SqlGenerator;
import io.kurobe.llm.LlmMetrics;
import io.kurobe.llm.LlmProducer;
import io.kurobe.llm.RoleModels;
import io.kurobe.model.ModelUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code ./kurobe eval}: loads a benchmark directory's databases, asks each question of the real stages in this
 * process, writes one {@code {id, sql}} prediction a line, and prints execution accuracy overall and by category
 * (scored as the directory's score.py scores; when a score.py sits beside the directory it is run too and its
 * figure shown), schema-linking recall of the gold columns and the share of the schema kept, LLM calls and tokens
 * per question, and seconds per question.
 */
public final class Evaluate {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The figures of one run. */
    record Report(int questions, int correct, Map<String, int[]> byCategory, int answered, double recall,
                  double kept, double secondsPerQuestion, ModelUsage usage) {
        double accuracy() {
            return questions == 0 ? 0 : 100.0 * correct / questions;
        }

        double perQuestion(long total) {
            return questions == 0 ? 0 : (double) total / questions;
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = arguments(args);
        if (a != null && a.containsKey("demo")) {
            // the demo question set: written as a directory of the benchmark's layout, then run like one
            Path dir = DemoSet.write(Path.of(a.get("demo")));
            System.out.println("demo question set written to " + dir.toAbsolutePath());
            a.putIfAbsent("questions", dir.resolve("questions.jsonl").toString());
            a.putIfAbsent("db-dir", dir.toString());
        }
        if (a == null || !a.containsKey("questions") || !a.containsKey("db-dir") || !a.containsKey("out")) {
            System.err.println("usage: eval --questions <questions.jsonl> --db-dir <dir with sql/<db_id>.sql and"
                    + " meta/<db_id>.json> --out <predictions.jsonl> [--generators name,name] [--limit N]"
                    + " [--reload] [--details <file: per question, the outcome>]"
                    + " [--llm <kurobe.llm.* properties file: models by role>] [--scorer <score.py>]"
                    + " [--examples <questions.jsonl with gold_sql: the ICL generator's examples, leave-one-out>]\n"
                    + "       eval --demo <dir to write the demo question set to> --out <predictions.jsonl> [...]");
            System.exit(2);
            return;
        }
        List<String> generators = a.containsKey("generators") ? List.of(a.get("generators").split(","))
                : OfflineGenerators.DEFAULT;
        int limit = a.containsKey("limit") ? Integer.parseInt(a.get("limit")) : Integer.MAX_VALUE;
        RoleModels models = models(a.containsKey("llm") ? Path.of(a.get("llm")) : null);
        List<BenchQuestion> examples = a.containsKey("examples") ? read(Path.of(a.get("examples"))) : List.of();
        Path dir = Path.of(a.get("db-dir"));
        Report report = run(Psql.fromEnvironment(), Path.of(a.get("questions")), dir,
                Path.of(a.get("out")), OfflineGenerators.named(generators), models, examples, limit,
                a.containsKey("reload"),
                a.containsKey("details") ? Path.of(a.get("details")) : null, System.out);
        // the reference scorer: named, or the score.py beside a directory whose own questions were all asked
        Path beside = dir.toAbsolutePath().normalize().getParent().resolve("score.py");
        boolean wholeDirectory = limit == Integer.MAX_VALUE && Path.of(a.get("questions")).toAbsolutePath().normalize()
                .equals(dir.resolve("questions.jsonl").toAbsolutePath().normalize());
        if (a.containsKey("scorer")) {
            referenceScore(Path.of(a.get("scorer")), dir, Path.of(a.get("out")), report, System.out);
        } else if (wholeDirectory && Files.isRegularFile(beside)) {
            referenceScore(beside, dir, Path.of(a.get("out")), report, System.out);
        }
    }

    /**
     * The models by role that a {@code kurobe.llm.*} properties file configures (as in a service's
     * application.properties; keys may come from the environment: {@code api-key=${OPENAI_API_KEY}}); none without
     * a file, so every stage runs offline.
     */
    static RoleModels models(Path file) throws IOException {
        Map<String, String> properties = new TreeMap<>();
        if (file != null) {
            Properties read = new Properties();
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                read.load(in);
            }
            read.stringPropertyNames().forEach(name -> properties.put(name, read.getProperty(name)));
        }
        return new RoleModels(LlmProducer.settings(properties), new LlmMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC());
    }

    /** A run with no model: every stage on its offline path. */
    static Report run(Psql psql, Path questionsFile, Path dir, Path out, List<SqlGenerator> generators, int limit,
                      boolean reload, Path details, PrintStream print) throws IOException {
        return run(psql, questionsFile, dir, out, generators, models(null), List.of(), limit, reload, details, print);
    }

    static Report run(Psql psql, Path questionsFile, Path dir, Path out, List<SqlGenerator> generators,
                      RoleModels models, List<BenchQuestion> examples, int limit, boolean reload, Path details,
                      PrintStream print)
            throws IOException {
        List<BenchQuestion> questions = read(questionsFile);
        if (questions.size() > limit) {
            questions = questions.subList(0, limit);
        }
        List<String> loaded = new BenchLoader(psql, print).load(dir, reload);
        for (BenchQuestion q : questions) {
            if (!loaded.contains(q.dbId())) {
                throw new IllegalArgumentException("question " + q.id() + " asks of database " + q.dbId()
                        + ", which has no script " + dir.resolve("sql").resolve(q.dbId() + ".sql"));
            }
        }
        ExecutionScorer scorer = new ExecutionScorer(psql);
        LinkingRecall linking = new LinkingRecall();
        Map<String, int[]> byCategory = new TreeMap<>();
        Map<String, Map<String, List<String>>> schemas = new HashMap<>();
        int correct = 0;
        int answered = 0;
        long pipelineNanos = 0;
        ModelUsage usage = ModelUsage.NONE;
        List<String> generatorNames;
        try (InProcessPipeline pipeline = new InProcessPipeline(psql, loaded, generators, models, examples,
                Duration.ofSeconds(30));
             BufferedWriter predictions = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             BufferedWriter detail = details == null ? null : Files.newBufferedWriter(details, StandardCharsets.UTF_8)) {
            generatorNames = pipeline.generatorNames();
            for (BenchQuestion q : questions) {
                long started = System.nanoTime();
                // the asker's guidance travels with the question, after a blank line
                String asked = q.instructions().isBlank() ? q.question() : q.question() + "\n\n" + q.instructions();
                InProcessPipeline.Outcome outcome = pipeline.ask(q.id(), q.dbId(), asked);
                pipelineNanos += System.nanoTime() - started;
                usage = usage.plus(outcome.usage());
                String sql = outcome.answered() ? outcome.sql() : "";
                ObjectNode line = JSON.createObjectNode().put("id", q.id()).put("sql", sql);
                predictions.write(JSON.writeValueAsString(line));
                predictions.newLine();
                boolean ok = scorer.correct(q, sql);
                int[] c = byCategory.computeIfAbsent(q.categoryOrAll(), k -> new int[2]);
                c[1]++;
                if (ok) {
                    c[0]++;
                    correct++;
                }
                if (outcome.answered()) {
                    answered++;
                }
                linking.add(q.goldSql(), schemas.computeIfAbsent(q.dbId(), pipeline::columns), outcome.linked());
                if (detail != null) {
                    ObjectNode d = JSON.createObjectNode().put("id", q.id()).put("category", q.categoryOrAll())
                            .put("correct", ok).put("question", q.question()).put("sql", sql);
                    if (outcome.usage().calls() > 0) {
                        d.put("llm_calls", outcome.usage().calls()).put("tokens_in", outcome.usage().tokensIn())
                                .put("tokens_out", outcome.usage().tokensOut());
                    }
                    if (!outcome.answered() || outcome.stoppedAt() != null) {
                        d.put("stopped_at", outcome.stoppedAt()).put("reason", outcome.reason());
                    }
                    detail.write(JSON.writeValueAsString(d));
                    detail.newLine();
                }
            }
        }
        double seconds = questions.isEmpty() ? 0 : pipelineNanos / 1e9 / questions.size();
        Report report = new Report(questions.size(), correct, byCategory, answered, linking.recall(), linking.kept(),
                seconds, usage);
        print(report, generatorNames, print);
        return report;
    }

    static void print(Report r, List<String> generators, PrintStream out) {
        out.println();
        out.println("execution accuracy by category (scored as score.py scores)");
        for (Map.Entry<String, int[]> e : r.byCategory().entrySet()) {
            int[] c = e.getValue();
            out.println(String.format(Locale.ROOT, "%-28s %4d/%-4d %5.1f%%", e.getKey(), c[0], c[1], 100.0 * c[0] / c[1]));
        }
        out.println(String.format(Locale.ROOT, "%-28s %4d/%-4d %5.1f%%", "execution accuracy", r.correct(),
                r.questions(), r.accuracy()));
        out.println(String.format(Locale.ROOT, "%-28s %4d/%-4d", "answered (SQL written)", r.answered(), r.questions()));
        out.println(String.format(Locale.ROOT, "%-28s %5.1f%%", "linking recall (gold cols)", 100 * r.recall()));
        out.println(String.format(Locale.ROOT, "%-28s %5.1f%%", "schema kept (columns)", 100 * r.kept()));
        ModelUsage u = r.usage();
        out.println(String.format(Locale.ROOT, "%-28s %.2f calls, %.0f tokens in, %.0f out (generators: %s%s)",
                "LLM per question", r.perQuestion(u.calls()), r.perQuestion(u.tokensIn()), r.perQuestion(u.tokensOut()),
                String.join(", ", generators), u.calls() == 0 ? "; no model was called" : ""));
        u.byRole().forEach((role, byRole) -> out.println(String.format(Locale.ROOT,
                "  %-26s %.2f calls, %.0f tokens in, %.0f out", role, r.perQuestion(byRole.calls()),
                r.perQuestion(byRole.tokensIn()), r.perQuestion(byRole.tokensOut()))));
        out.println(String.format(Locale.ROOT, "%-28s %.3f s", "seconds per question", r.secondsPerQuestion()));
    }

    /** Runs the reference scorer on the predictions and says whether it agrees with the figure above. */
    static void referenceScore(Path scorer, Path dir, Path predictions, Report report, PrintStream out) {
        try {
            Process p = new ProcessBuilder("python3", scorer.toString(), "score", dir.toString(), predictions.toString())
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String total = text.lines().filter(l -> l.startsWith("execution accuracy")).findFirst().orElse("");
            out.println();
            out.println("reference scorer " + scorer + ":");
            out.println("  " + total);
            String expected = String.format(Locale.ROOT, "%4d/%-4d", report.correct(), report.questions());
            out.println(total.contains(expected) ? "  agrees with the figure above"
                    : "  DISAGREES with the figure above (" + expected.strip() + ")");
        } catch (IOException e) {
            out.println("reference scorer " + scorer + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<BenchQuestion> read(Path file) throws IOException {
        List<BenchQuestion> out = new ArrayList<>();
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode q = JSON.readTree(line);
            String id = q.path("id").asText("");
            String db = q.path("db_id").asText("");
            if (id.isEmpty() || db.isEmpty() || q.path("question").asText("").isBlank()) {
                throw new IllegalArgumentException(file + " line " + n + ": a question needs id, db_id and question");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException(file + " line " + n + ": id " + id + " appears twice");
            }
            out.add(new BenchQuestion(id, db, q.path("question").asText(), q.path("gold_sql").asText(""),
                    q.path("category").asText(""), q.path("instructions").asText("")));
        }
        return out;
    }

    private static Map<String, String> arguments(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                return null;
            }
            String key = args[i].substring(2);
            if (key.equals("reload")) {
                out.put(key, "true");
            } else if (i + 1 < args.length) {
                out.put(key, args[++i]);
            } else {
                return null;
            }
        }
        return out;
    }
}
