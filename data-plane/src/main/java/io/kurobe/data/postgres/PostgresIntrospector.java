package io.kurobe.data.postgres;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Engine;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.data.jdbc.JsonValues;
import io.kurobe.data.jdbc.SqlText;
import io.kurobe.data.jdbc.SchemaFingerprint;

import java.math.BigDecimal;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads tables, columns, keys, comments, row counts and example values of the schemas on the connection's
 * search path (set it with the JDBC URL's {@code currentSchema}; by default that is {@code public}). Names are
 * bare when {@code public} is the only schema and {@code schema.table} otherwise.
 */
final class PostgresIntrospector {
    static final int EXAMPLES = 5;
    /** Examples come from at most this many rows of a table, which bounds their cost. */
    static final int EXAMPLE_SCAN_ROWS = 10_000;
    /** Above this many rows, examples come from a repeatable page sample spread over the table. */
    static final long SAMPLE_ABOVE_ROWS = 100_000;
    /** Tables never analyzed are counted exactly up to this size, and estimated by the planner beyond it. */
    static final long COUNT_BELOW_BYTES = 64L * 1024 * 1024;
    private static final Pattern PLAN_ROWS = Pattern.compile("rows=(\\d+)");

    private final Connection connection;
    private final long sampleAboveRows;
    private final long countBelowBytes;

    PostgresIntrospector(Connection connection) {
        this(connection, SAMPLE_ABOVE_ROWS, COUNT_BELOW_BYTES);
    }

    PostgresIntrospector(Connection connection, long sampleAboveRows, long countBelowBytes) {
        this.connection = connection;
        this.sampleAboveRows = sampleAboveRows;
        this.countBelowBytes = countBelowBytes;
    }

    SchemaSnapshot snapshot(String dbId) throws SQLException {
        List<String> schemas = schemas();
        boolean qualify = !schemas.equals(List.of("public"));
        Map<Long, Relation> relations = relations(schemas, qualify);
        Map<Long, List<String[]>> columns = columns(schemas);
        Set<String> primaryKeys = primaryKeys(schemas);

        List<TableInfo> tables = new ArrayList<>();
        for (Map.Entry<Long, Relation> entry : relations.entrySet()) {
            Relation relation = entry.getValue();
            long rows = rowCount(relation);
            List<ColumnInfo> columnInfos = new ArrayList<>();
            for (String[] column : columns.getOrDefault(entry.getKey(), List.of())) {
                columnInfos.add(new ColumnInfo(column[0], column[1], column[2],
                        primaryKeys.contains(entry.getKey() + "." + column[0]),
                        examples(relation, rows, column[0], column[1])));
            }
            tables.add(new TableInfo(relation.name(), relation.comment(), rows, List.copyOf(columnInfos)));
        }
        List<ForeignKey> foreignKeys = foreignKeys(schemas, relations);
        return new SchemaSnapshot(dbId, Engine.POSTGRES, List.copyOf(tables), List.copyOf(foreignKeys),
                SchemaFingerprint.of(tables, foreignKeys));
    }

    /** The schemas of the search path that exist, without the system ones. */
    private List<String> schemas() throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT s FROM unnest(current_schemas(false)) AS s"
                     + " WHERE s NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
                     + " AND s NOT LIKE 'pg\\_temp\\_%' AND s NOT LIKE 'pg\\_toast\\_temp\\_%'"
                     + " ORDER BY s")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas;
    }

    /** Tables and partitioned tables (not their partitions) the user may read, by oid, in name order. */
    private Map<Long, Relation> relations(List<String> schemas, boolean qualify) throws SQLException {
        Map<Long, Relation> relations = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT c.oid::bigint, n.nspname, c.relname,"
                + " obj_description(c.oid, 'pg_class'), c.reltuples::bigint,"
                + " CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_relation_size(t.relid)), 0)"
                + " FROM pg_partition_tree(c.oid) AS t) ELSE pg_relation_size(c.oid) END"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY (?)"
                + " AND has_table_privilege(c.oid, 'SELECT')"
                + " ORDER BY n.nspname, c.relname")) {
            s.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(2);
                    String table = rs.getString(3);
                    relations.put(rs.getLong(1), new Relation(qualify ? schema + "." + table : table,
                            SqlText.quoteIdentifier(schema) + "." + SqlText.quoteIdentifier(table),
                            Objects.requireNonNullElse(rs.getString(4), ""),
                            rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return relations;
    }

    /** Per table oid: name, type, comment of each column in declaration order. */
    private Map<Long, List<String[]>> columns(List<String> schemas) throws SQLException {
        Map<Long, List<String[]>> columns = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT c.oid::bigint, a.attname,"
                + " format_type(a.atttypid, a.atttypmod), col_description(c.oid, a.attnum)"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND n.nspname = ANY (?)"
                + " ORDER BY c.oid, a.attnum")) {
            s.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getLong(1), t -> new ArrayList<>()).add(new String[] {
                            rs.getString(2), rs.getString(3), Objects.requireNonNullElse(rs.getString(4), "")});
                }
            }
        }
        return columns;
    }

    /** "oid.column" of every primary key column. */
    private Set<String> primaryKeys(List<String> schemas) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT con.conrelid::bigint, a.attname"
                + " FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace"
                + " CROSS JOIN LATERAL unnest(con.conkey) AS k(attnum)"
                + " JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum"
                + " WHERE con.contype = 'p' AND n.nspname = ANY (?)")) {
            s.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getLong(1) + "." + rs.getString(2));
                }
            }
        }
        return keys;
    }

    /** Column pairs of the foreign keys between introspected tables, in table, constraint and column order. */
    private List<ForeignKey> foreignKeys(List<String> schemas, Map<Long, Relation> relations) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT con.conrelid::bigint, a.attname,"
                + " con.confrelid::bigint, fa.attname"
                + " FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace"
                + " JOIN pg_class c ON c.oid = con.conrelid"
                + " CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, fattnum, ord)"
                + " JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum"
                + " JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fattnum"
                + " WHERE con.contype = 'f' AND con.conparentid = 0 AND n.nspname = ANY (?)"
                + " ORDER BY n.nspname, c.relname, con.conname, k.ord")) {
            s.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Relation table = relations.get(rs.getLong(1));
                    Relation referenced = relations.get(rs.getLong(3));
                    if (table != null && referenced != null) {
                        keys.add(new ForeignKey(table.name(), rs.getString(2), referenced.name(), rs.getString(4)));
                    }
                }
            }
        }
        return keys;
    }

    /** The statistics' count; a table never analyzed is counted when small and estimated by the planner when not. */
    private long rowCount(Relation relation) throws SQLException {
        if (relation.reltuples() >= 0) {
            return relation.reltuples();
        }
        try (Statement s = connection.createStatement()) {
            if (relation.bytes() <= countBelowBytes) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + relation.quoted())) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
            try (ResultSet rs = s.executeQuery("EXPLAIN SELECT 1 FROM " + relation.quoted())) {
                rs.next();
                Matcher rows = PLAN_ROWS.matcher(rs.getString(1));
                return rows.find() ? Long.parseLong(rows.group(1)) : 0;
            }
        }
    }

    /**
     * The first distinct non-null, non-empty values among at most {@link #EXAMPLE_SCAN_ROWS} rows: the first rows
     * in storage order of a small table, a repeatable sample of pages of a large one, so the same data gives the
     * same examples.
     */
    private List<String> examples(Relation relation, long rows, String column, String type) throws SQLException {
        if (type.startsWith("bytea")) {
            return List.of();
        }
        String c = SqlText.quoteIdentifier(column);
        String source = relation.quoted();
        if (rows > sampleAboveRows) {
            double percent = Math.min(100.0, 100.0 * 2 * EXAMPLE_SCAN_ROWS / rows);
            source += " TABLESAMPLE SYSTEM (" + BigDecimal.valueOf(percent).toPlainString() + ") REPEATABLE (0)";
        }
        String sql = "SELECT v FROM (SELECT DISTINCT ON (v::text) v, n FROM (SELECT " + c + " AS v,"
                + " row_number() OVER () AS n FROM (SELECT " + c + " FROM " + source + " LIMIT " + EXAMPLE_SCAN_ROWS
                + ") AS scan) AS numbered WHERE v IS NOT NULL AND v::text <> '' ORDER BY v::text, n) AS firsts"
                + " ORDER BY n LIMIT " + EXAMPLES;
        List<String> values = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(JsonValues.exampleText(rs.getObject(1)));
            }
        }
        return List.copyOf(values);
    }



    /** One table: its name as the snapshot shows it, its quoted qualified name for SQL, and what pg_class knows. */
    private record Relation(String name, String quoted, String comment, long reltuples, long bytes) {
    }
}
