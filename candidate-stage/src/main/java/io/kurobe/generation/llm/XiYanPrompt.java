package io.kurobe.generation.llm;

import io.kurobe.generation.GenerationRequest;
import io.kurobe.llm.Prompt;
import io.kurobe.model.MatchedValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * XiYan-SQL's generation prompt (as published with XiYanSQL-QwenCoder): the dialect, the linked M-Schema, the
 * evidence and the question, ending in an open {@code ```sql} fence the model completes. The refine prompt adds
 * the SQL that failed and what happened when it ran.
 */
public final class XiYanPrompt {
    private static final Map<String, String> DIALECTS = Map.of("duckdb", "DuckDB", "postgresql", "PostgreSQL",
            "postgres", "PostgreSQL", "sqlite", "SQLite", "trino", "Trino", "mysql", "MySQL");

    private static final String CN = """
            你是一名{dialect}专家，现在需要阅读并理解下面的【数据库schema】描述，以及可能用到的【参考信息】，并运用{dialect}知识生成sql语句回答【用户问题】。
            【用户问题】
            {question}

            【数据库schema】
            {db_schema}

            【参考信息】
            {evidence}
            {examples}
            【用户问题】
            {question}

            ```sql""";

    private static final String CN_REFINE = """
            你是一名{dialect}专家，现在需要阅读并理解下面的【数据库schema】描述，以及可能用到的【参考信息】，并运用{dialect}知识修正【待修正SQL】，生成sql语句回答【用户问题】。
            【用户问题】
            {question}

            【数据库schema】
            {db_schema}

            【参考信息】
            {evidence}

            【待修正SQL】
            {sql}

            【执行结果】
            {notice}
            {examples}
            【用户问题】
            {question}

            ```sql""";

    private static final String EN = """
            You are an expert in {dialect} SQL. Read and understand the [Database Schema] below and any [Evidence], \
            then write one {dialect} SQL query that answers the [User Question]. Use only the tables and columns of \
            the schema and output only the query inside a ```sql block.
            [User Question]
            {question}

            [Database Schema]
            {db_schema}

            [Evidence]
            {evidence}
            {examples}
            [User Question]
            {question}

            ```sql""";

    private static final String EN_REFINE = """
            You are an expert in {dialect} SQL. The [SQL To Fix] below was written for the [User Question] but did \
            not give an answer; [Execution Result] says what happened. Read the [Database Schema] and any [Evidence] \
            and write a corrected {dialect} query. Output only the query inside a ```sql block.
            [User Question]
            {question}

            [Database Schema]
            {db_schema}

            [Evidence]
            {evidence}

            [SQL To Fix]
            {sql}

            [Execution Result]
            {notice}
            {examples}
            [User Question]
            {question}

            ```sql""";

    private XiYanPrompt() {
    }

    public static Prompt generate(PromptStyle style, GenerationRequest request) {
        return generate(style, request, List.of());
    }

    /** The generation prompt with {@code shots} (an ICL style's examples) before the question. */
    public static Prompt generate(PromptStyle style, GenerationRequest request, List<FewShot.Shot> shots) {
        return new Prompt("", fill(style.chinese() ? CN : EN, request, "", "", examples(style, shots)));
    }

    public static Prompt refine(PromptStyle style, GenerationRequest request, String sql, String notice) {
        return refine(style, request, sql, notice, List.of());
    }

    public static Prompt refine(PromptStyle style, GenerationRequest request, String sql, String notice,
                                List<FewShot.Shot> shots) {
        return new Prompt("", fill(style.chinese() ? CN_REFINE : EN_REFINE, request, sql, notice,
                examples(style, shots)));
    }

    /**
     * The examples block: each example's question and its SQL in a fenced block, as the prompt's question and
     * answer look; nothing (the template's blank line) without examples.
     */
    static String examples(PromptStyle style, List<FewShot.Shot> shots) {
        if (shots.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n").append(style.chinese() ? "【参考示例】" : "[Examples]").append('\n');
        for (FewShot.Shot shot : shots) {
            out.append(style.chinese() ? "【用户问题】" : "[User Question]").append('\n')
                    .append(shot.question().strip()).append('\n')
                    .append("```sql\n").append(shot.sql().strip()).append("\n```\n\n");
        }
        return out.toString().stripTrailing() + "\n";
    }

    /** The dialect as XiYan's prompts name it ("PostgreSQL", "SQLite"). */
    static String dialect(String dialect) {
        String d = dialect == null ? "" : dialect.strip().toLowerCase(Locale.ROOT);
        return DIALECTS.getOrDefault(d, d.isEmpty() ? "SQL" : dialect.strip());
    }

    private static String fill(String template, GenerationRequest request, String sql, String notice,
                               String examples) {
        String[] asked = splitInstructions(request.question());
        // one pass, so text inside the question cannot inject another placeholder
        Map<String, String> values = Map.of("{dialect}", dialect(request.dialect()), "{question}", asked[0],
                "{db_schema}", request.mschema(), "{evidence}", evidence(asked[1], request.values()),
                "{sql}", sql, "{notice}", notice, "{examples}", examples);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            String key = close < 0 ? null : template.substring(open, close + 1);
            if (key == null || !values.containsKey(key)) {
                out.append(template, i, open < 0 ? template.length() : open + 1);
                i = open < 0 ? template.length() : open + 1;
                continue;
            }
            out.append(template, i, open).append(values.get(key));
            i = close + 1;
        }
        return out.toString();
    }

    /** A question may carry the asker's instructions after a blank line; XiYan calls them evidence. */
    static String[] splitInstructions(String question) {
        String q = question.strip();
        int gap = q.indexOf("\n\n");
        return gap < 0 ? new String[]{q, ""} : new String[]{q.substring(0, gap).strip(), q.substring(gap).strip()};
    }

    private static String evidence(String instructions, List<MatchedValue> values) {
        List<String> lines = new ArrayList<>();
        if (!instructions.isEmpty()) {
            lines.add(instructions);
        }
        for (MatchedValue v : values) {
            lines.add(v.table() + "." + v.column() + " = '" + v.value().replace("'", "''") + "'"
                    + (v.matchedText() == null || v.matchedText().isBlank() ? "" : " (\"" + v.matchedText() + "\")"));
        }
        return String.join("\n", lines);
    }
}
