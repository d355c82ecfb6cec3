package io.kurobe.generation;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Engine;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads M-Schema text back into tables and columns, so a generator that needs structure sees exactly
 * the schema that linking chose for the prompt. Row counts are unknown (-1); examples are those shown.
 */
final class MSchemaReader {
    private static final String DB_ID = "【DB_ID】";
    private static final String FOREIGN_KEYS = "【Foreign keys】";
    private static final String TABLE = "# Table: ";
    private static final String EXAMPLES = "Examples: [";
    private static final String PRIMARY_KEY = "Primary Key";

    private MSchemaReader() {
    }

    static SchemaSnapshot read(String mschema, Engine engine, String fingerprint) {
        String dbId = "";
        List<TableInfo> tables = new ArrayList<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        String table = null;
        String tableComment = "";
        List<ColumnInfo> columns = new ArrayList<>();
        boolean inForeignKeys = false;
        for (String raw : mschema.split("\n")) {
            String line = raw.strip();
            if (line.startsWith(DB_ID)) {
                dbId = line.substring(DB_ID.length()).strip();
            } else if (line.startsWith(FOREIGN_KEYS)) {
                inForeignKeys = true;
            } else if (line.startsWith(TABLE)) {
                String[] header = line.substring(TABLE.length()).split(", ", 2);
                table = header[0].strip();
                tableComment = header.length > 1 ? header[1].strip() : "";
                columns = new ArrayList<>();
            } else if (line.equals("]") && table != null) {
                tables.add(new TableInfo(table, tableComment, -1, List.copyOf(columns)));
                table = null;
            } else if (line.startsWith("(") && table != null) {
                columns.add(column(line));
            } else if (inForeignKeys && line.contains("=")) {
                foreignKeys.add(foreignKey(line));
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no table in M-Schema of " + (dbId.isEmpty() ? "unnamed database" : dbId));
        }
        return new SchemaSnapshot(dbId, engine, List.copyOf(tables), List.copyOf(foreignKeys), fingerprint);
    }

    /** {@code (name:TYPE[, comment][, Primary Key][, Examples: [a, b]])}, with or without a trailing comma. */
    static ColumnInfo column(String line) {
        String inner = line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
        inner = inner.substring(1, inner.length() - 1);
        int colon = inner.indexOf(':');
        String name = inner.substring(0, colon);
        String rest = inner.substring(colon + 1);
        int comma = rest.indexOf(", ");
        String type = comma < 0 ? rest : rest.substring(0, comma);
        rest = comma < 0 ? "" : rest.substring(comma + 2);
        List<String> examples = List.of();
        int at = rest.lastIndexOf(EXAMPLES);
        if (at >= 0 && rest.endsWith("]") && (at == 0 || rest.startsWith(", ", at - 2))) {
            examples = Arrays.asList(rest.substring(at + EXAMPLES.length(), rest.length() - 1).split(", "));
            rest = at == 0 ? "" : rest.substring(0, at - 2);
        }
        boolean primaryKey = rest.equals(PRIMARY_KEY) || rest.endsWith(", " + PRIMARY_KEY);
        if (primaryKey) {
            rest = rest.length() == PRIMARY_KEY.length() ? "" : rest.substring(0, rest.length() - PRIMARY_KEY.length() - 2);
        }
        return new ColumnInfo(name.strip(), type.strip(), rest.strip(), primaryKey, List.copyOf(examples));
    }

    private static ForeignKey foreignKey(String line) {
        String[] sides = line.split("=", 2);
        int left = sides[0].lastIndexOf('.');
        int right = sides[1].lastIndexOf('.');
        return new ForeignKey(sides[0].substring(0, left), sides[0].substring(left + 1),
                sides[1].substring(0, right), sides[1].substring(right + 1));
    }
}
