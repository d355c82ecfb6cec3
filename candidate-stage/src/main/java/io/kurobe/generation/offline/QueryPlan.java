package io.kurobe.generation.offline;

import io.kurobe.generation.offline.SchemaIndex.Column;
import io.kurobe.generation.offline.SchemaIndex.Edge;
import io.kurobe.generation.offline.SchemaIndex.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A query taking shape: the tables joined from the main one, what is selected, filtered, grouped and ordered. */
final class QueryPlan {
    private static final Pattern SIMPLE = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Set<String> RESERVED = Set.of("order", "group", "select", "from", "where", "user", "table",
            "limit", "by", "desc", "asc", "end", "case", "when", "to", "default", "offset", "union", "all", "and", "or",
            "year", "month", "day", "time", "date", "domain", "number", "name", "value", "rank", "position", "type",
            "level", "comment", "month_name", "check", "column", "constraint", "primary", "references", "only", "both",
            "leading", "trailing", "analyse", "analyze", "array", "as", "asymmetric", "cast", "collate", "create",
            "current_date", "distinct", "do", "else", "except", "false", "fetch", "for", "foreign", "grant", "having",
            "in", "initially", "intersect", "into", "lateral", "localtime", "not", "null", "on", "placing", "returning",
            "some", "symmetric", "then", "true", "unique", "using", "variadic", "window", "with");

    final SchemaIndex schema;
    final Table main;
    final List<Table> joined = new ArrayList<>();
    final List<Edge> joins = new ArrayList<>();
    final List<String> select = new ArrayList<>();
    final List<String> where = new ArrayList<>();
    final List<String> groupBy = new ArrayList<>();
    final List<String> having = new ArrayList<>();
    final List<String> orderBy = new ArrayList<>();
    boolean distinct;
    /** Joins keep the main table's rows without a match (LEFT JOIN), as a per-group ratio or count needs. */
    boolean left;
    int limit = -1;
    /** A whole query written by hand (scalar subqueries), used instead of the parts when set. */
    String whole;

    QueryPlan(SchemaIndex schema, Table main) {
        this.schema = schema;
        this.main = main;
        joined.add(main);
    }

    /** Joins the table along the shortest path from the tables already joined; false when none connects. */
    boolean join(Table table) {
        if (joined.contains(table)) {
            return true;
        }
        List<Edge> best = null;
        for (Table from : joined) {
            Optional<List<Edge>> path = schema.path(from, table);
            if (path.isPresent() && (best == null || path.get().size() < best.size())) {
                best = path.get();
            }
        }
        if (best == null) {
            return false;
        }
        for (Edge e : best) {
            if (!joined.contains(e.to().table())) {
                joined.add(e.to().table());
                joins.add(e);
            }
        }
        return true;
    }

    boolean multiplies() {
        return !joins.isEmpty();
    }

    static String col(Column c) {
        return ident(c.table().name()) + "." + ident(c.name());
    }

    static String ident(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("\\.")) {
            parts.add(SIMPLE.matcher(part).matches() && !RESERVED.contains(part.toLowerCase(Locale.ROOT))
                    ? part : '"' + part.replace("\"", "\"\"") + '"');
        }
        return String.join(".", parts);
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    String sql() {
        if (whole != null) {
            return whole;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        if (distinct) {
            sql.append("DISTINCT ");
        }
        sql.append(String.join(", ", new LinkedHashSet<>(select)));
        sql.append(" FROM ").append(ident(main.name()));
        for (Edge e : joins) {
            sql.append(left ? " LEFT JOIN " : " JOIN ").append(ident(e.to().table().name())).append(" ON ").append(col(e.from()))
                    .append(" = ").append(col(e.to()));
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", new LinkedHashSet<>(where)));
        }
        if (!groupBy.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", new LinkedHashSet<>(groupBy)));
        }
        if (!having.isEmpty() && !groupBy.isEmpty()) {
            sql.append(" HAVING ").append(String.join(" AND ", having));
        }
        if (!orderBy.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", new LinkedHashSet<>(orderBy)));
        }
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit);
        }
        return sql.toString();
    }
}
