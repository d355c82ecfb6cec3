package io.kurobe.data.mschema;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a schema in XiYan's M-Schema text, the format the XiYanSQL models were trained on
 * (rules in shared/MSCHEMA.md, read from the reference m_schema.py).
 */
public final class MSchema {
    static final int SHOWN_EXAMPLES = 3;
    private static final Set<String> DATE_TIME_TYPES = Set.of("DATE", "TIME", "DATETIME", "TIMESTAMP");
    private static final Set<String> DECIMAL_TYPES = Set.of(
            "DECIMAL", "NUMERIC", "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT4", "FLOAT8", "REAL");
    private static final Pattern EMAIL = Pattern.compile("^[\\w.-]+@[\\w.-]+\\.\\w+$", Pattern.UNICODE_CHARACTER_CLASS);

    private MSchema() {
    }

    /** The whole schema, tables in snapshot order. */
    public static String render(SchemaSnapshot snapshot) {
        List<String> blocks = new ArrayList<>();
        for (TableInfo table : snapshot.tables()) {
            blocks.add(table(table, table.columns(), List.of()));
        }
        return document(snapshot.dbId(), blocks, snapshot.foreignKeys());
    }

    /**
     * A linked subset: the selected tables with their linked columns plus keys, matched values in front of
     * the examples, and tables ordered by the length of their text, shortest first. A table left with no
     * column to show is left out.
     */
    public static String render(SchemaSnapshot snapshot, SchemaSelection selection) {
        List<ForeignKey> keptKeys = snapshot.foreignKeys().stream()
                .filter(fk -> selection.keepsTable(fk.table()) && selection.keepsTable(fk.referencedTable()))
                .toList();
        List<String> blocks = new ArrayList<>();
        for (TableInfo table : snapshot.tables()) {
            if (!selection.keepsTable(table.name())) {
                continue;
            }
            List<ColumnInfo> columns = new ArrayList<>();
            List<List<String>> matched = new ArrayList<>();
            for (ColumnInfo column : table.columns()) {
                if (column.primaryKey() || selection.keepsColumn(table.name(), column.name())
                        || joins(keptKeys, table.name(), column.name())) {
                    columns.add(column);
                    matched.add(selection.matched(table.name(), column.name()));
                }
            }
            if (!columns.isEmpty()) {
                blocks.add(table(table, columns, matched));
            }
        }
        blocks.sort(Comparator.comparingInt(String::length));
        return document(snapshot.dbId(), blocks, keptKeys);
    }

    private static boolean joins(List<ForeignKey> keys, String table, String column) {
        for (ForeignKey fk : keys) {
            if (fk.table().equals(table) && fk.column().equals(column)
                    || fk.referencedTable().equals(table) && fk.referencedColumn().equals(column)) {
                return true;
            }
        }
        return false;
    }

    private static String document(String dbId, List<String> tableBlocks, List<ForeignKey> foreignKeys) {
        List<String> lines = new ArrayList<>();
        lines.add("【DB_ID】 " + dbId);
        lines.add("【Schema】");
        lines.addAll(tableBlocks);
        if (!foreignKeys.isEmpty()) {
            lines.add("【Foreign keys】");
            for (ForeignKey fk : foreignKeys) {
                lines.add(fk.table() + "." + fk.column() + "=" + fk.referencedTable() + "." + fk.referencedColumn());
            }
        }
        return String.join("\n", lines);
    }

    /** @param matched per column, the question's values found in it (empty list when none, or no list at all) */
    private static String table(TableInfo table, List<ColumnInfo> columns, List<List<String>> matched) {
        StringBuilder out = new StringBuilder("# Table: ").append(table.name());
        if (present(table.comment())) {
            out.append(", ").append(table.comment().strip());
        }
        out.append("\n[\n");
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            fields.add(field(columns.get(i), matched.isEmpty() ? List.of() : matched.get(i)));
        }
        return out.append(String.join(",\n", fields)).append("\n]").toString();
    }

    static String field(ColumnInfo column, List<String> matched) {
        String type = type(column.type());
        StringBuilder out = new StringBuilder("(").append(column.name()).append(':').append(type);
        if (present(column.comment())) {
            out.append(", ").append(column.comment().strip());
        }
        if (column.primaryKey()) {
            out.append(", Primary Key");
        }
        List<String> examples = examples(type, matched, column.examples());
        if (!examples.isEmpty()) {
            out.append(", Examples: [").append(String.join(", ", examples)).append(']');
        }
        return out.append(')').toString();
    }

    /** The type as M-Schema shows it: cut at the first '(' and upper-cased. */
    static String type(String engineType) {
        int paren = engineType.indexOf('(');
        return (paren < 0 ? engineType : engineType.substring(0, paren)).strip().toUpperCase(Locale.ROOT);
    }

    static List<String> examples(String type, List<String> matched, List<String> read) {
        Set<String> distinct = new LinkedHashSet<>();
        for (List<String> source : List.of(matched, read)) {
            for (String value : source) {
                if (value == null || value.isEmpty()) {
                    continue;
                }
                if (EMAIL.matcher(value).matches() || value.contains("http://") || value.contains("https://")) {
                    return List.of();
                }
                distinct.add(DECIMAL_TYPES.contains(type) ? plainNumber(value) : value);
            }
        }
        List<String> values = new ArrayList<>(distinct);
        if (values.size() > SHOWN_EXAMPLES) {
            values = values.subList(0, SHOWN_EXAMPLES);
        }
        if (values.isEmpty()) {
            return values;
        }
        if (isDateTime(type)) {
            return List.of(values.get(0));
        }
        int longest = values.stream().mapToInt(String::length).max().orElse(0);
        if (longest > 50) {
            return List.of();
        }
        return longest > 20 ? List.of(values.get(0)) : List.copyOf(values);
    }

    private static boolean isDateTime(String type) {
        return DATE_TIME_TYPES.contains(type) || type.startsWith("TIMESTAMP") || type.startsWith("TIME ")
                || type.equals("TIMETZ");
    }

    /** Decimals print as Python prints a float of them: no trailing zeros, but at least one decimal. */
    static String plainNumber(String value) {
        try {
            String plain = new BigDecimal(value).stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
