package io.kurobe.gateway.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.kurobe.gateway.problem.ErrorCode;
import io.kurobe.gateway.problem.ProblemException;
import io.kurobe.model.EventJson;

import java.util.ArrayList;
import java.util.List;

/**
 * A file of examples as POST /api/connections/{id}/examples takes it: a JSON array of objects, or JSON Lines (one
 * object a line, as the benchmark's questions.jsonl). Each object has a {@code question} and its SQL in
 * {@code gold_sql}, {@code sql} or {@code query}, and may name its database in {@code db_id}. A line that cannot be
 * read is reported with its number, never fatal to the others.
 */
final class ExampleLines {
    static final List<String> SQL_FIELDS = List.of("gold_sql", "sql", "query");
    private static final ObjectReader READER = EventJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One line of the file: its example, or why it cannot be one. */
    record Line(int number, String question, String sql, String dbId, String problem) {
        static Line refused(int number, String problem) {
            return new Line(number, null, null, null, problem);
        }

        boolean readable() {
            return problem == null;
        }
    }

    private ExampleLines() {
    }

    /** The lines of a body, blank lines left out; a JSON array's elements are numbered by position from 1. */
    static List<Line> parse(String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "The body is empty: send a JSON array of "
                    + "{\"question\": \"...\", \"sql\": \"...\"} or JSON Lines with 'question' and 'gold_sql'.");
        }
        return text.startsWith("[") ? array(text) : lines(body);
    }

    private static List<Line> array(String text) {
        JsonNode root;
        try {
            root = READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST,
                    "The body starts with '[' but is not a JSON array: " + e.getOriginalMessage());
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            lines.add(line(i + 1, root.get(i)));
        }
        return lines;
    }

    private static List<Line> lines(String body) {
        List<Line> lines = new ArrayList<>();
        String[] physical = body.split("\\R", -1);
        for (int i = 0; i < physical.length; i++) {
            String text = physical[i].strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                lines.add(line(i + 1, READER.readTree(text)));
            } catch (JsonProcessingException e) {
                lines.add(Line.refused(i + 1, "not a JSON object: " + firstLine(e.getOriginalMessage())));
            }
        }
        return lines;
    }

    private static Line line(int number, JsonNode node) {
        if (node == null || !node.isObject()) {
            return Line.refused(number, "not a JSON object with 'question' and 'gold_sql' (or 'sql', 'query')");
        }
        String question = text(node, "question");
        if (question == null) {
            return Line.refused(number, "no 'question'");
        }
        String sql = null;
        for (String field : SQL_FIELDS) {
            sql = text(node, field);
            if (sql != null) {
                break;
            }
        }
        if (sql == null) {
            return Line.refused(number, "no SQL: give it in 'gold_sql', 'sql' or 'query'");
        }
        return new Line(number, question, sql, text(node, "db_id"), null);
    }

    /** A field's text, stripped; null when absent, blank or not a string or number. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !(value.isTextual() || value.isNumber())) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message).strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
