package io.kurobe.data.duckdb;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Engine;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.data.jdbc.JsonValues;
import io.kurobe.data.jdbc.SqlText;
import io.kurobe.data.jdbc.SchemaFingerprint;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Reads tables, columns, keys, comments, row counts and example values of DuckDB's main schema. */
final class DuckDbIntrospector {
    static final int EXAMPLES = 5;
    /** Examples come from the first rows in storage order, which bounds their cost on large tables. */
    static final int EXAMPLE_SCAN_ROWS = 10_000;

    private final Connection connection;

    DuckDbIntrospector(Connection connection) {
        this.connection = connection;
    }

    SchemaSnapshot snapshot(String dbId) throws SQLException {
        Map<String, String> tableComments = tableComments();
        Map<String, List<String[]>> columns = columns();
        Set<String> primaryKeys = new HashSet<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        readConstraints(primaryKeys, foreignKeys);

        List<TableInfo> tables = new ArrayList<>();
        for (Map.Entry<String, String> table : tableComments.entrySet()) {
            String name = table.getKey();
            List<ColumnInfo> columnInfos = new ArrayList<>();
            for (String[] column : columns.getOrDefault(name, List.of())) {
                columnInfos.add(new ColumnInfo(column[0], column[1], column[2],
                        primaryKeys.contains(name + "." + column[0]), examples(name, column[0], column[1])));
            }
            tables.add(new TableInfo(name, table.getValue(), rowCount(name), List.copyOf(columnInfos)));
        }
        return new SchemaSnapshot(dbId, Engine.DUCKDB, List.copyOf(tables), List.copyOf(foreignKeys),
                SchemaFingerprint.of(tables, foreignKeys));
    }

    private Map<String, String> tableComments() throws SQLException {
        Map<String, String> tables = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name, comment FROM duckdb_tables()"
                     + " WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary"
                     + " ORDER BY table_name")) {
            while (rs.next()) {
                tables.put(rs.getString(1), Objects.requireNonNullElse(rs.getString(2), ""));
            }
        }
        return tables;
    }

    /** Per table: name, type, comment of each column in declaration order. */
    private Map<String, List<String[]>> columns() throws SQLException {
        Map<String, List<String[]>> columns = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name, column_name, data_type, comment FROM duckdb_columns()"
                     + " WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal"
                     + " ORDER BY table_name, column_index")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(new String[] {
                        rs.getString(2), rs.getString(3), Objects.requireNonNullElse(rs.getString(4), "")});
            }
        }
        return columns;
    }

    private void readConstraints(Set<String> primaryKeys, List<ForeignKey> foreignKeys) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name, constraint_type, constraint_column_names,"
                     + " referenced_table, referenced_column_names FROM duckdb_constraints()"
                     + " WHERE database_name = current_database() AND schema_name = 'main'"
                     + " AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')"
                     + " ORDER BY table_name, constraint_index")) {
            while (rs.next()) {
                String table = rs.getString(1);
                List<String> columns = strings(rs.getArray(3));
                if ("PRIMARY KEY".equals(rs.getString(2))) {
                    columns.forEach(c -> primaryKeys.add(table + "." + c));
                } else {
                    List<String> referenced = strings(rs.getArray(5));
                    for (int i = 0; i < columns.size(); i++) {
                        foreignKeys.add(new ForeignKey(table, columns.get(i), rs.getString(4), referenced.get(i)));
                    }
                }
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private long rowCount(String table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SqlText.quoteIdentifier(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first distinct non-null, non-empty values in storage order, so the same data gives the same examples. */
    private List<String> examples(String table, String column, String type) throws SQLException {
        if (type.startsWith("BLOB")) {
            return List.of();
        }
        String c = SqlText.quoteIdentifier(column);
        String sql = "SELECT " + c + " FROM " + SqlText.quoteIdentifier(table)
                + " WHERE rowid < ? AND " + c + " IS NOT NULL AND CAST(" + c + " AS VARCHAR) <> ''"
                + " GROUP BY " + c + " ORDER BY min(rowid) LIMIT " + EXAMPLES;
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, EXAMPLE_SCAN_ROWS);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(JsonValues.exampleText(rs.getObject(1)));
                }
            }
        }
        return List.copyOf(values);
    }
}
