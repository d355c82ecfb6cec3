package io.kurobe.linking;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.TableInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names of tables and columns as words: {@code order_lines} and {@code orderLines} both read "order lines", and a
 * schema qualifier ({@code sales.orders}) is left out, since it names where a table lives rather than what it holds.
 * Also the texts the embedding model reads for a table and a column.
 */
final class SchemaWords {
    private SchemaWords() {
    }

    /** The table's name without the schema it lives in. */
    static String bareName(String table) {
        int dot = table.lastIndexOf('.');
        return dot < 0 ? table : table.substring(dot + 1);
    }

    /** An identifier's words, lower-cased: snake case, camel case, digits and dashes split. */
    static List<String> words(String identifier) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            boolean boundary = !Character.isLetterOrDigit(c)
                    || i > 0 && Character.isUpperCase(c) && Character.isLowerCase(identifier.charAt(i - 1))
                    || i > 0 && Character.isDigit(c) != Character.isDigit(identifier.charAt(i - 1))
                    || i + 1 < identifier.length() && i > 0 && Character.isUpperCase(c)
                    && Character.isUpperCase(identifier.charAt(i - 1)) && Character.isLowerCase(identifier.charAt(i + 1));
            if (boundary && word.length() > 0) {
                words.add(word.toString().toLowerCase(Locale.ROOT));
                word.setLength(0);
            }
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    static String spoken(String identifier) {
        return String.join(" ", words(identifier));
    }

    /** What a table is, for the embedding model: its name, its comment and its columns' names. */
    static String tableText(TableInfo table) {
        StringBuilder text = new StringBuilder(spoken(bareName(table.name())));
        if (present(table.comment())) {
            text.append(", ").append(table.comment().strip());
        }
        Set<String> columns = new LinkedHashSet<>();
        for (ColumnInfo column : table.columns()) {
            columns.add(spoken(column.name()));
        }
        return text.append(": ").append(String.join(", ", columns)).toString();
    }

    /** What a column is, for the embedding model: its table's and its own name, its comment, a few example values. */
    static String columnText(TableInfo table, ColumnInfo column) {
        StringBuilder text = new StringBuilder(spoken(column.name())).append(" of ").append(spoken(bareName(table.name())));
        if (present(column.comment())) {
            text.append(", ").append(column.comment().strip());
        }
        List<String> examples = column.examples().stream()
                .filter(e -> e != null && !e.isBlank() && e.length() <= 40).limit(3).toList();
        if (!examples.isEmpty()) {
            text.append(", such as ").append(String.join(", ", examples));
        }
        return text.toString();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
