package io.kurobe.data.sqlite;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Engine;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.data.jdbc.SchemaFingerprint;
import io.kurobe.data.jdbc.SqlText;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Reads tables (sqlite_master), columns and keys (PRAGMA table_info / foreign_key_list), row counts and examples. */
final class SqliteIntrospector {
    static final int EXAMPLES = 5;
    /** Examples come from the first rows in storage order, which bounds their cost on large tables. */
    static final int EXAMPLE_SCAN_ROWS = 10_000;

    private final Connection connection;

    SqliteIntrospector(Connection connection) {
        this.connection = connection;
    }

    SchemaSnapshot snapshot(String dbId) throws SQLException {
        List<TableInfo> tables = new ArrayList<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        for (String name : tableNames()) {
            List<ColumnInfo> columns = new ArrayList<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA table_info(" + SqlText.quoteIdentifier(name) + ")")) {
                while (rs.next()) {
                    String column = rs.getString("name");
                    String type = Objects.requireNonNullElse(rs.getString("type"), "");
                    columns.add(new ColumnInfo(column, type, "", rs.getInt("pk") > 0, examples(name, column)));
                }
            }
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA foreign_key_list(" + SqlText.quoteIdentifier(name) + ")")) {
                while (rs.next()) {
                    foreignKeys.add(new ForeignKey(name, rs.getString("from"), rs.getString("table"),
                            Objects.requireNonNullElse(rs.getString("to"), "")));
                }
            }
            tables.add(new TableInfo(name, "", rowCount(name), List.copyOf(columns)));
        }
        return new SchemaSnapshot(dbId, Engine.SQLITE, List.copyOf(tables), List.copyOf(foreignKeys),
                SchemaFingerprint.of(tables, foreignKeys));
    }

    private List<String> tableNames() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                     + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private long rowCount(String table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SqlText.quoteIdentifier(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> examples(String table, String column) throws SQLException {
        Set<String> values = new LinkedHashSet<>();
        String sql = "SELECT DISTINCT v FROM (SELECT " + SqlText.quoteIdentifier(column) + " AS v FROM "
                + SqlText.quoteIdentifier(table)
                + " LIMIT " + EXAMPLE_SCAN_ROWS + ") WHERE v IS NOT NULL LIMIT " + EXAMPLES;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return List.copyOf(values);
    }
}
