package io.kurobe.data.trino;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Engine;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.data.jdbc.JsonValues;
import io.kurobe.data.jdbc.SchemaFingerprint;
import io.kurobe.data.jdbc.SqlText;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads the base tables of one catalog's schema (or of all its schemas) from the catalog's information_schema:
 * columns with Trino's type names and comments, table comments from {@code system.metadata.table_comments}, row
 * counts from the connector's statistics ({@code SHOW STATS}), and a few example values per column from the first
 * rows the scan returns. Every result is read to its end: a result closed early cancels its query on the
 * coordinator. Trino has no primary or foreign keys in its metadata, so the snapshot has none.
 * Names are bare when the URL names a schema and {@code schema.table} otherwise.
 */
final class TrinoIntrospector {
    static final int EXAMPLES = 5;
    /** Examples come from at most this many rows of a table, which bounds their cost. */
    static final int EXAMPLE_SCAN_ROWS = 10_000;
    /** Without statistics a table is counted up to this many rows; a larger one reports this bound. */
    static final long COUNT_UP_TO = 1_000_000;
    /** Types whose values sort and read well as examples; binary, JSON and nested values get none. */
    private static final Pattern EXAMPLE_TYPES = Pattern.compile(
            "(tinyint|smallint|integer|bigint|real|double|decimal.*|varchar.*|char.*|date|time.*|timestamp.*"
                    + "|boolean|uuid|ipaddress)");
    private static final Pattern TEXT_TYPES = Pattern.compile("(varchar|char).*");

    private final Connection connection;
    private final String catalog;
    private final String schema;

    TrinoIntrospector(Connection connection, String catalog, String schema) {
        this.connection = connection;
        this.catalog = catalog;
        this.schema = schema;
    }

    /** The base tables' columns and types, from the catalog alone: the structure hash reads these rows. */
    static String structureQuery(String catalog, String schema) {
        String infoSchema = SqlText.quoteIdentifier(catalog) + ".information_schema.";
        return "SELECT c.table_schema, c.table_name, c.column_name, c.data_type FROM " + infoSchema + "columns c"
                + " JOIN " + infoSchema + "tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                + " WHERE t.table_type = 'BASE TABLE' AND " + schemaFilter("c.table_schema", schema)
                + " ORDER BY c.table_schema, c.table_name, c.ordinal_position";
    }

    SchemaSnapshot snapshot(String dbId) throws SQLException {
        Map<String, Relation> relations = relations();
        Map<String, List<String[]>> columns = columns();
        Map<String, String> comments = tableComments();
        List<TableInfo> tables = new ArrayList<>();
        for (Map.Entry<String, Relation> entry : relations.entrySet()) {
            Relation relation = entry.getValue();
            List<String[]> tableColumns = columns.getOrDefault(entry.getKey(), List.of());
            List<List<String>> examples = examples(relation, tableColumns);
            List<ColumnInfo> columnInfos = new ArrayList<>();
            for (int i = 0; i < tableColumns.size(); i++) {
                String[] column = tableColumns.get(i);
                columnInfos.add(new ColumnInfo(column[0], column[1], column[2], false, examples.get(i)));
            }
            tables.add(new TableInfo(relation.name(), comments.getOrDefault(entry.getKey(), ""), rowCount(relation),
                    List.copyOf(columnInfos)));
        }
        return new SchemaSnapshot(dbId, Engine.TRINO, List.copyOf(tables), List.of(),
                SchemaFingerprint.of(tables, List.of()));
    }

    /** Base tables by "schema.table", in name order. */
    private Map<String, Relation> relations() throws SQLException {
        Map<String, Relation> relations = new LinkedHashMap<>();
        String sql = "SELECT table_schema, table_name FROM " + SqlText.quoteIdentifier(catalog)
                + ".information_schema.tables WHERE table_type = 'BASE TABLE' AND "
                + schemaFilter("table_schema", schema) + " ORDER BY table_schema, table_name";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String tableSchema = rs.getString(1);
                String table = rs.getString(2);
                relations.put(tableSchema + "." + table, new Relation(schema == null ? tableSchema + "." + table : table,
                        SqlText.quoteIdentifier(catalog) + "." + SqlText.quoteIdentifier(tableSchema) + "."
                                + SqlText.quoteIdentifier(table)));
            }
        }
        return relations;
    }

    /** Per "schema.table": name, type, comment of each column in declaration order. */
    private Map<String, List<String[]>> columns() throws SQLException {
        Map<String, List<String[]>> columns = new HashMap<>();
        String sql = "SELECT table_schema, table_name, column_name, data_type, comment FROM "
                + SqlText.quoteIdentifier(catalog) + ".information_schema.columns WHERE "
                + schemaFilter("table_schema", schema) + " ORDER BY table_schema, table_name, ordinal_position";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1) + "." + rs.getString(2), t -> new ArrayList<>())
                        .add(new String[] {rs.getString(3), rs.getString(4),
                                Objects.requireNonNullElse(rs.getString(5), "")});
            }
        }
        return columns;
    }

    /** Table comments by "schema.table"; a connector without comments has none. */
    private Map<String, String> tableComments() throws SQLException {
        Map<String, String> comments = new HashMap<>();
        String sql = "SELECT schema_name, table_name, comment FROM system.metadata.table_comments"
                + " WHERE catalog_name = " + literal(catalog) + " AND " + schemaFilter("schema_name", schema)
                + " AND comment IS NOT NULL";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                comments.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3));
            }
        }
        return comments;
    }

    /**
     * The row count of the connector's statistics; a connector that keeps none has the table counted, up to
     * {@link #COUNT_UP_TO} rows.
     */
    private long rowCount(Relation relation) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SHOW STATS FOR " + relation.quoted())) {
            int rowCountColumn = rs.findColumn("row_count");
            while (rs.next()) {
                if (rs.getString("column_name") == null) {
                    double rows = rs.getDouble(rowCountColumn);
                    if (!rs.wasNull()) {
                        return Math.round(rows);
                    }
                }
            }
        }
        long count = 0;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT 1 FROM " + relation.quoted() + " LIMIT "
                     + COUNT_UP_TO + ")")) {
            while (rs.next()) {
                count = rs.getLong(1);
            }
        }
        return count;
    }

    /**
     * Per column, the smallest distinct non-null (and non-empty) values among the first {@link #EXAMPLE_SCAN_ROWS}
     * rows the scan returns, in one query per table: sorted so that the same rows give the same examples.
     */
    private List<List<String>> examples(Relation relation, List<String[]> columns) throws SQLException {
        List<List<String>> examples = new ArrayList<>();
        List<Integer> sampled = new ArrayList<>();
        StringBuilder select = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            examples.add(List.of());
            String type = columns.get(i)[1];
            if (!EXAMPLE_TYPES.matcher(type).matches()) {
                continue;
            }
            String c = SqlText.quoteIdentifier(columns.get(i)[0]);
            String filter = c + " IS NOT NULL" + (TEXT_TYPES.matcher(type).matches() ? " AND " + c + " <> ''" : "");
            select.append(sampled.isEmpty() ? "" : ", ").append("slice(array_sort(array_distinct(array_agg(")
                    .append(c).append(") FILTER (WHERE ").append(filter).append("))), 1, ").append(EXAMPLES).append(')');
            sampled.add(i);
        }
        if (sampled.isEmpty()) {
            return examples;
        }
        String sql = "SELECT " + select + " FROM (SELECT * FROM " + relation.quoted() + " LIMIT " + EXAMPLE_SCAN_ROWS
                + ") AS scan";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                for (int k = 0; k < sampled.size(); k++) {
                    examples.set(sampled.get(k), texts(rs.getArray(k + 1)));
                }
            }
        }
        return examples;
    }

    private static List<String> texts(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            texts.add(JsonValues.exampleText(value));
        }
        return List.copyOf(texts);
    }

    /** One schema, or every schema but information_schema. */
    private static String schemaFilter(String column, String schema) {
        return schema == null ? column + " <> 'information_schema'" : column + " = " + literal(schema);
    }

    /** A SQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** One table: its name as the snapshot shows it and its quoted catalog.schema.table for SQL. */
    private record Relation(String name, String quoted) {
    }
}
