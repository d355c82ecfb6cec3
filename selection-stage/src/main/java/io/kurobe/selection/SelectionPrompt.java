package io.kurobe.selection;

import io.kurobe.llm.Prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * XiYan-SQL's selection prompt: the question, the linked M-Schema, the asker's instructions as evidence, and each
 * distinct candidate's SQL with a preview of its result, labelled A, B, C…; the model answers with one label.
 */
final class SelectionPrompt {
    static final int PREVIEW_ROWS = 10;
    private static final int MAX_CELL = 80;
    private static final Map<String, String> DIALECTS = Map.of("duckdb", "DuckDB", "postgresql", "PostgreSQL",
            "postgres", "PostgreSQL", "sqlite", "SQLite", "trino", "Trino", "mysql", "MySQL");

    private static final String SYSTEM = """
            You are a {dialect} expert. Regarding the [Question], there are {n} candidate SQL queries along with \
            their execution results on the database (the first rows shown). Compare the candidates and analyse how \
            they differ. Based on the [Database Schema], the [Evidence] and the [Question], choose the candidate \
            that answers the question correctly and reasonably. Answer with its label only, for example: Candidate A""";

    private SelectionPrompt() {
    }

    static String label(int i) {
        return String.valueOf((char) ('A' + i));
    }

    static Prompt of(String question, String dialect, String mschema, List<Attempt> offered) {
        String d = dialect == null ? "" : dialect.strip().toLowerCase(Locale.ROOT);
        String system = SYSTEM.replace("{dialect}", DIALECTS.getOrDefault(d, d.isEmpty() ? "SQL" : dialect.strip()))
                .replace("{n}", String.valueOf(offered.size()));
        String q = question.strip();
        int gap = q.indexOf("\n\n");
        String evidence = gap < 0 ? "" : q.substring(gap).strip();
        q = gap < 0 ? q : q.substring(0, gap).strip();
        StringBuilder user = new StringBuilder()
                .append("[Database Schema]\n").append(mschema == null ? "" : mschema).append("\n\n")
                .append("[Evidence]\n").append(evidence).append("\n\n")
                .append("[Question]\n").append(q).append("\n\n==========\n");
        for (int i = 0; i < offered.size(); i++) {
            Attempt a = offered.get(i);
            user.append("\nCandidate ").append(label(i)).append("\n[SQL]\n").append(a.sql().strip())
                    .append("\n[Execution result]\n").append(preview(a)).append("\n");
        }
        user.append("\n[Question]\n").append(q).append("\n\nWhich candidate answers the question? Answer: Candidate ");
        return new Prompt(system, user.toString());
    }

    private static String preview(Attempt a) {
        List<String> lines = new ArrayList<>();
        lines.add("rows: " + a.rows().size() + (a.rows().size() > PREVIEW_ROWS ? " (first " + PREVIEW_ROWS + " shown)" : ""));
        lines.add(String.join(" | ", a.columns()));
        for (List<Object> row : a.rows().subList(0, Math.min(PREVIEW_ROWS, a.rows().size()))) {
            lines.add(row.stream().map(SelectionPrompt::cell).collect(Collectors.joining(" | ")));
        }
        return String.join("\n", lines);
    }

    private static String cell(Object value) {
        String s = String.valueOf(value).replace('\n', ' ');
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 3) + "...";
    }
}
