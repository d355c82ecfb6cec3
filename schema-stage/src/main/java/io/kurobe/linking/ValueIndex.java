package io.kurobe.linking;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Connector;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryResult;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.model.MatchedValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The distinct values of the low-cardinality text columns (status, category, country…), so a word of
 * the question can be recognised as a value even when it is not among the examples M-Schema shows.
 */
final class ValueIndex {
    static final int MAX_DISTINCT = 100;
    private static final ExecutionLimits LIMITS = new ExecutionLimits(MAX_DISTINCT + 1, Duration.ofSeconds(10));
    private static final Set<String> TEXT_TYPES = Set.of("VARCHAR", "TEXT", "CHAR", "STRING", "CHARACTER VARYING",
            "CHARACTER", "BPCHAR", "NVARCHAR");

    private record Value(String table, String column, String value) {
    }

    private final List<Value> values;

    private ValueIndex(List<Value> values) {
        this.values = List.copyOf(values);
    }

    static ValueIndex read(Connector connector, SchemaSnapshot snapshot) {
        List<Value> values = new ArrayList<>();
        for (TableInfo table : snapshot.tables()) {
            for (ColumnInfo column : table.columns()) {
                if (!column.primaryKey() && isText(column.type())) {
                    QueryResult distinct = connector.execute("SELECT DISTINCT " + quote(column.name()) + " FROM "
                            + quoteTable(table.name()) + " WHERE " + quote(column.name()) + " IS NOT NULL", LIMITS);
                    if (!distinct.truncated()) {
                        distinct.rows().forEach(row -> values.add(new Value(table.name(), column.name(), String.valueOf(row.get(0)))));
                    }
                }
            }
        }
        return new ValueIndex(values);
    }

    /** The indexed values the question names as whole words, case ignored. */
    List<MatchedValue> match(String question) {
        String text = question.toLowerCase(Locale.ROOT);
        List<MatchedValue> matched = new ArrayList<>();
        for (Value value : values) {
            String wanted = value.value().toLowerCase(Locale.ROOT).strip();
            int at = wanted.length() < 2 || wanted.chars().noneMatch(Character::isLetter) ? -1 : wordAt(text, wanted);
            if (at >= 0) {
                matched.add(new MatchedValue(value.table(), value.column(), value.value(),
                        question.substring(at, at + wanted.length()), 1.0));
            }
        }
        return matched;
    }

    int size() {
        return values.size();
    }

    private static int wordAt(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return at;
            }
        }
        return -1;
    }

    private static boolean isText(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        int paren = upper.indexOf('(');
        return TEXT_TYPES.contains((paren < 0 ? upper : upper.substring(0, paren)).strip());
    }

    /** A table as introspection names it: bare, or {@code schema.table} when the connection reads several schemas. */
    private static String quoteTable(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? quote(name) : quote(name.substring(0, dot)) + "." + quote(name.substring(dot + 1));
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
