package io.kurobe.data.jdbc;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.TableInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 of a schema's structure: tables, columns, types, comments and keys. Row counts and example
 * values are left out, so new data does not look like a new schema.
 */
public final class SchemaFingerprint {
    private SchemaFingerprint() {
    }

    public static String of(List<TableInfo> tables, List<ForeignKey> foreignKeys) {
        List<String> lines = new ArrayList<>();
        for (TableInfo table : tables) {
            lines.add(line("table", table.name(), table.comment()));
            for (ColumnInfo column : table.columns()) {
                lines.add(line("column", table.name(), column.name(), column.type(),
                        column.primaryKey() ? "pk" : "", column.comment()));
            }
        }
        for (ForeignKey fk : foreignKeys) {
            lines.add(line("fk", fk.table(), fk.column(), fk.referencedTable(), fk.referencedColumn()));
        }
        Collections.sort(lines);
        MessageDigest sha = ResultFingerprint.sha256();
        for (String line : lines) {
            sha.update(line.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String line(String kind, String... parts) {
        StringBuilder out = new StringBuilder(kind);
        for (String part : parts) {
            out.append('\u001f').append(part == null ? "" : part);
        }
        return out.toString();
    }
}
