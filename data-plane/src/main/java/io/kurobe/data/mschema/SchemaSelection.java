package io.kurobe.data.mschema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What schema linking kept: the linked columns per table, and the values of the question found in columns,
 * keyed by {@code table.column}. A table listed with no columns is kept with its keys only.
 */
public record SchemaSelection(Map<String, Set<String>> columns, Map<String, List<String>> matchedValues) {
    public SchemaSelection {
        columns = copy(columns);
        matchedValues = Map.copyOf(matchedValues);
    }

    public boolean keepsTable(String table) {
        return columns.containsKey(table);
    }

    public boolean keepsColumn(String table, String column) {
        return columns.getOrDefault(table, Set.of()).contains(column);
    }

    public List<String> matched(String table, String column) {
        return matchedValues.getOrDefault(table + "." + column, List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> columns) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        columns.forEach((table, names) -> out.put(table, Set.copyOf(names)));
        return Map.copyOf(out);
    }

    public static final class Builder {
        private final Map<String, Set<String>> columns = new LinkedHashMap<>();
        private final Map<String, List<String>> matched = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder table(String table) {
            columns.computeIfAbsent(table, t -> new LinkedHashSet<>());
            return this;
        }

        public Builder column(String table, String column) {
            table(table).columns.get(table).add(column);
            return this;
        }

        /** A value of the question found in this column; the column is kept too. */
        public Builder matched(String table, String column, String value) {
            column(table, column);
            List<String> values = matched.computeIfAbsent(table + "." + column, k -> new ArrayList<>());
            if (!values.contains(value)) {
                values.add(value);
            }
            return this;
        }

        public SchemaSelection build() {
            Map<String, List<String>> values = new LinkedHashMap<>();
            matched.forEach((key, list) -> values.put(key, List.copyOf(list)));
            return new SchemaSelection(columns, values);
        }
    }
}
