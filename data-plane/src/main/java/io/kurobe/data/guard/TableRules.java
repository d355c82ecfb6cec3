package io.kurobe.data.guard;

import io.kurobe.data.Engine;
import net.sf.jsqlparser.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which relations a query may read: the tables of the connection's schema and the query's own CTEs; never a file,
 * a URL, a string used as a table, another server or a system catalog (introspection is the data plane's job, and
 * catalogs such as pg_stat_activity or Trino's system.runtime.queries show other sessions' queries).
 */
final class TableRules {
    private static final Pattern FILE_LIKE = Pattern.compile(
            ".*[/\\\\:].*|.*\\.(csv|tsv|txt|parquet|json|jsonl|ndjson|gz|zst|xlsx|arrow|db|duckdb|sqlite)");
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "pg_toast");
    private static final Pattern POSTGRES_CATALOG = Pattern.compile("pg_.*");
    private static final Pattern SQLITE_CATALOG = Pattern.compile("sqlite_.*|pragma_.*");
    private static final Pattern DUCKDB_CATALOG = Pattern.compile("pg_.*|duckdb_.*|sqlite_.*|pragma_.*");
    private static final int LISTED_TABLES = 40;

    private TableRules() {
    }

    /** Null when the query may read this table, else the reason it may not. */
    static String rejection(Table table, GuardPolicy policy, Set<String> cteNames) {
        List<String> raw = rawParts(table);
        String shown = table.getFullyQualifiedName();
        if (table.getDatabase() != null && table.getDatabase().getServer() != null || table.getName().contains("@")) {
            return "table " + shown + " is not allowed: it names another server";
        }
        for (String part : raw) {
            if (part.startsWith("'") || part.startsWith("$")) {
                return shown + " is not allowed as a table: a string in FROM reads a file or URL;"
                        + " read a table of the schema instead";
            }
        }
        List<String> parts = raw.stream().map(Names::unquote).toList();
        String name = parts.get(parts.size() - 1);
        if (parts.size() == 1 && cteNames.contains(name)) {
            return null;
        }
        for (String part : parts) {
            if (FILE_LIKE.matcher(part).matches()) {
                return "table " + shown + " is not allowed: it looks like a file path or URL;"
                        + " read a table of the schema instead";
            }
        }
        if (policy.engine() == Engine.TRINO && name.contains("$")) {
            return "table " + shown + " is not allowed: Trino's $ tables show storage metadata, not data";
        }
        if (isSystemCatalog(parts, policy.engine())) {
            return "table " + shown + " is not allowed: it is a system catalog, not part of the schema of this"
                    + " connection";
        }
        if (policy.restrictsTables() && !inSchema(parts, policy)) {
            return "table " + shown + " is not in the schema of this connection; its tables are: "
                    + listed(policy.allowedTables());
        }
        return null;
    }

    private static List<String> rawParts(Table table) {
        List<String> parts = new ArrayList<>(3);
        if (table.getDatabaseName() != null) {
            parts.add(table.getDatabaseName());
        }
        if (table.getSchemaName() != null) {
            parts.add(table.getSchemaName());
        }
        parts.add(table.getName());
        return parts;
    }

    private static boolean isSystemCatalog(List<String> parts, Engine engine) {
        for (int i = 0; i < parts.size() - 1; i++) {
            if (SYSTEM_SCHEMAS.contains(parts.get(i))) {
                return true;
            }
        }
        if (parts.size() == 3 && parts.get(0).equals("system")) {
            return true;
        }
        String name = parts.get(parts.size() - 1);
        return engine == Engine.POSTGRES && POSTGRES_CATALOG.matcher(name).matches()
                || engine == Engine.DUCKDB && DUCKDB_CATALOG.matcher(name).matches()
                || engine == Engine.SQLITE && SQLITE_CATALOG.matcher(name).matches();
    }

    private static boolean inSchema(List<String> ref, GuardPolicy policy) {
        for (String entry : policy.allowedTables()) {
            if (matches(ref, List.of(entry.split("\\.")), defaultSchema(policy.engine()))) {
                return true;
            }
        }
        return false;
    }

    /** A bare name resolves through the search path; a qualified one must name the entry's own schema. */
    private static boolean matches(List<String> ref, List<String> entry, String defaultSchema) {
        String refName = ref.get(ref.size() - 1);
        String entryName = entry.get(entry.size() - 1);
        if (!refName.equals(entryName)) {
            return false;
        }
        if (ref.size() == 1) {
            return true;
        }
        if (ref.size() == 2) {
            String schema = entry.size() >= 2 ? entry.get(entry.size() - 2) : defaultSchema;
            return ref.get(0).equals(schema);
        }
        return ref.equals(entry);
    }

    private static String defaultSchema(Engine engine) {
        switch (engine) {
            case POSTGRES:
                return "public";
            case DUCKDB:
            case SQLITE:
                return "main";
            default:
                return "";
        }
    }

    private static String listed(Set<String> tables) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(tables));
        if (sorted.size() <= LISTED_TABLES) {
            return String.join(", ", sorted);
        }
        return String.join(", ", sorted.subList(0, LISTED_TABLES)) + " and " + (sorted.size() - LISTED_TABLES)
                + " more";
    }
}
