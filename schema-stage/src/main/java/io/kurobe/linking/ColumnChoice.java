package io.kurobe.linking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kurobe.data.ColumnInfo;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.model.LinkedTable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The schema-filter model's answer, {@code {"tables": {"<table>": ["<column>", ...]}}}, read against the schema:
 * a table must be one of the candidates the model was shown and a column one of its table's (case ignored, the
 * schema's spelling kept); other names are dropped and listed. A table named with no known column is kept for its
 * keys. Also read: a list of {@code {"table": ..., "columns": [...]}} objects, and a JSON object inside a Markdown
 * fence or after a sentence.
 *
 * @param columns the chosen columns per table, in the answer's order, spelled as the schema spells them
 * @param dropped the names the answer gave that the candidates do not hold
 */
record ColumnChoice(Map<String, Set<String>> columns, List<String> dropped) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer is not JSON of the asked shape, or names nothing of the schema. */
    static final class InvalidChoice extends Exception {
        InvalidChoice(String message) {
            super(message, null, false, false);
        }
    }

    static ColumnChoice read(String answer, SchemaSnapshot snapshot, List<LinkedTable> candidates) throws InvalidChoice {
        JsonNode tables = tables(answer);
        Map<String, TableInfo> byName = new LinkedHashMap<>();
        for (TableInfo table : snapshot.tables()) {
            byName.put(table.name().toLowerCase(Locale.ROOT), table);
        }
        Set<String> shown = new LinkedHashSet<>();
        candidates.forEach(t -> shown.add(t.name().toLowerCase(Locale.ROOT)));

        Map<String, Set<String>> columns = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : entries(tables)) {
            String asked = entry.getKey().strip();
            TableInfo table = byName.get(asked.toLowerCase(Locale.ROOT));
            if (table == null || !shown.contains(asked.toLowerCase(Locale.ROOT))) {
                dropped.add(asked);
                continue;
            }
            Set<String> kept = columns.computeIfAbsent(table.name(), t -> new LinkedHashSet<>());
            for (JsonNode name : entry.getValue()) {
                String column = column(table, name.asText(""));
                if (column == null) {
                    dropped.add(table.name() + "." + name.asText(""));
                } else {
                    kept.add(column);
                }
            }
        }
        if (columns.isEmpty()) {
            throw new InvalidChoice("chose no table of the schema" + (dropped.isEmpty() ? ""
                    : " (named " + String.join(", ", dropped.subList(0, Math.min(5, dropped.size()))) + ")"));
        }
        return new ColumnChoice(columns, List.copyOf(dropped));
    }

    /** The {@code tables} node: an object of table to column names, or a list of table objects. */
    private static JsonNode tables(String answer) throws InvalidChoice {
        int open = answer.indexOf('{');
        int close = answer.lastIndexOf('}');
        if (open < 0 || close < open) {
            throw new InvalidChoice("answered outside the JSON asked for (no JSON object)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(answer.substring(open, close + 1));
        } catch (JsonProcessingException e) {
            throw new InvalidChoice("answered outside the JSON asked for (not JSON: " + e.getOriginalMessage() + ")");
        }
        JsonNode tables = root.path("tables");
        if (!tables.isObject() && !tables.isArray()) {
            throw new InvalidChoice("answered outside the JSON asked for (no \"tables\" object)");
        }
        return tables;
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode tables) throws InvalidChoice {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        if (tables.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                out.add(Map.entry(entry.getKey(), names(entry.getValue())));
            }
            return out;
        }
        for (JsonNode table : tables) {
            if (table.isTextual()) {
                out.add(Map.entry(table.asText(), JSON.createArrayNode()));
            } else if (table.path("table").isTextual()) {
                out.add(Map.entry(table.path("table").asText(), names(table.path("columns"))));
            } else {
                throw new InvalidChoice("answered outside the JSON asked for (a table entry without \"table\")");
            }
        }
        return out;
    }

    /** A list of names; a single name or nothing read as a list of one or none. */
    private static JsonNode names(JsonNode node) throws InvalidChoice {
        if (node.isArray()) {
            for (JsonNode name : node) {
                if (!name.isTextual()) {
                    throw new InvalidChoice("answered outside the JSON asked for (a column name that is not text)");
                }
            }
            return node;
        }
        if (node.isTextual()) {
            return JSON.createArrayNode().add(node.asText());
        }
        if (node.isMissingNode() || node.isNull()) {
            return JSON.createArrayNode();
        }
        throw new InvalidChoice("answered outside the JSON asked for (columns that are not a list of names)");
    }

    /** The column as the table spells it, also when the model wrote it {@code table.column}; null when unknown. */
    private static String column(TableInfo table, String asked) {
        String name = asked.strip();
        String prefix = table.name().toLowerCase(Locale.ROOT) + ".";
        if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            name = name.substring(prefix.length());
        }
        for (ColumnInfo column : table.columns()) {
            if (column.name().equalsIgnoreCase(name)) {
                return column.name();
            }
        }
        return null;
    }
}
