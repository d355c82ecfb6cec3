package io.kurobe.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads each {@code sql/<db_id>.sql} of a benchmark directory into a fresh database, as score.py's {@code load}
 * does (same psql command, same database names), then records {@code meta/<db_id>.json}'s column descriptions as
 * column comments, as a team's documented schema would carry them. A database already loaded from the same script
 * and descriptions (its comment holds their digest) is kept.
 */
final class BenchLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "kurobe-eval ";

    private final Psql psql;
    private final PrintStream log;

    BenchLoader(Psql psql, PrintStream log) {
        this.psql = psql;
        this.log = log;
    }

    /** The db_ids of the directory's scripts, each loaded. */
    List<String> load(Path dir, boolean force) throws IOException {
        Path sql = dir.resolve("sql");
        if (!Files.isDirectory(sql)) {
            throw new IllegalArgumentException(dir + " has no sql/ directory of <db_id>.sql scripts");
        }
        List<String> ids;
        try (Stream<Path> files = Files.list(sql)) {
            ids = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
        for (String id : ids) {
            loadOne(dir, id, force);
        }
        return ids;
    }

    private void loadOne(String dbId, Path script, Path meta, boolean force) throws IOException {
        String database = psql.database(dbId);
        String digest = digest(script, meta);
        if (!force && (MARK + digest).equals(comment(database))) {
            log.println("kept   " + database + " (loaded from the same script)");
            return;
        }
        psql.script("postgres", null, "DROP DATABASE IF EXISTS " + quote(database) + ";\nCREATE DATABASE "
                + quote(database) + ";\n", 120);
        psql.script(database, script, null, 1800);
        if (Files.isRegularFile(meta)) {
            String comments = columnComments(database, JSON.readTree(meta.toFile()));
            if (!comments.isEmpty()) {
                psql.script(database, null, comments, 300);
            }
        }
        psql.script("postgres", null, "COMMENT ON DATABASE " + quote(database) + " IS " + literal(MARK + digest)
                + ";\n", 60);
        log.println("loaded " + database);
    }

    private void loadOne(Path dir, String dbId, boolean force) throws IOException {
        loadOne(dbId, dir.resolve("sql").resolve(dbId + ".sql"), dir.resolve("meta").resolve(dbId + ".json"), force);
    }

    private String comment(String database) {
        try {
            Psql.Result r = psql.query("postgres", "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                    + " WHERE datname = " + literal(database), 60);
            return r.rows().isEmpty() || r.rows().get(0).isEmpty() ? "" : r.rows().get(0).get(0);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** COMMENT ON COLUMN for each described column, table and column names matched case-insensitively. */
    private String columnComments(String database, JsonNode meta) {
        Psql.Result columns = psql.query(database, "SELECT table_schema, table_name, column_name FROM"
                + " information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", 120);
        Map<String, List<String>> actual = new HashMap<>();
        for (List<String> row : columns.rows()) {
            actual.putIfAbsent((row.get(1) + "." + row.get(2)).toLowerCase(Locale.ROOT), row);
        }
        StringBuilder out = new StringBuilder();
        JsonNode tables = meta.path("table_metadata");
        tables.fieldNames().forEachRemaining(table -> {
            for (JsonNode column : tables.path(table)) {
                String name = column.path("column_name").asText("");
                String description = column.path("column_description").asText("").strip();
                List<String> found = actual.get((table + "." + name).toLowerCase(Locale.ROOT));
                if (found != null && !description.isEmpty()) {
                    out.append("COMMENT ON COLUMN ").append(quote(found.get(0))).append('.').append(quote(found.get(1)))
                            .append('.').append(quote(found.get(2))).append(" IS ").append(literal(description))
                            .append(";\n");
                }
            }
        });
        return out.toString();
    }

    private static String digest(Path script, Path meta) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(script));
            if (Files.isRegularFile(meta)) {
                sha.update(Files.readAllBytes(meta));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
