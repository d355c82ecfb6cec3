package io.kurobe.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kurobe.data.demo.DemoDatabase;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The demo question set as a benchmark directory: the demo sales database (the one {@code ./kurobe up} serves from
 * DuckDB) written as a PostgreSQL script {@code sql/demo.sql} with its comments, {@code meta/demo.json} with the
 * column descriptions, and {@code questions.jsonl}, questions about it with gold SQL in the benchmark's
 * conventions. The evaluation command then runs it like any directory of that layout.
 */
final class DemoSet {
    static final String DB_ID = "demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoSet() {
    }

    /** Writes the directory, replacing what an earlier call wrote there; returns {@code dir}. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sql"));
        Files.createDirectories(dir.resolve("meta"));
        Path duckdb = Files.createTempDirectory("kurobe-demo-set").resolve("demo.duckdb");
        try {
            DemoDatabase.create(duckdb);
            Properties readOnly = new Properties();
            readOnly.setProperty("duckdb.read_only", "true");
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + duckdb, readOnly)) {
                writeScript(connection, dir.resolve("sql").resolve(DB_ID + ".sql"));
                writeMeta(connection, dir.resolve("meta").resolve(DB_ID + ".json"));
            } catch (SQLException e) {
                throw new IOException("cannot read the demo database " + duckdb + ": " + e.getMessage(), e);
            }
        } finally {
            try (Stream<Path> files = Files.walk(duckdb.getParent())) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        try (InputStream questions = DemoSet.class.getResourceAsStream("/demo/questions.jsonl")) {
            if (questions == null) {
                throw new IOException("the demo questions (resource /demo/questions.jsonl) are missing from the build");
            }
            Files.write(dir.resolve("questions.jsonl"), questions.readAllBytes());
        }
        return dir;
    }

    /** The schema's DDL and comments, then each table's rows as a COPY block psql reads from the script. */
    private static void writeScript(Connection connection, Path script) throws IOException, SQLException {
        try (BufferedWriter out = Files.newBufferedWriter(script, StandardCharsets.UTF_8);
             Statement statement = connection.createStatement()) {
            out.write("-- the Kurobe demo sales database, written from DuckDB by ./kurobe eval --demo\n");
            out.write(DemoDatabase.schemaSql());
            out.write("\n");
            for (String table : DemoDatabase.tables()) {
                try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " ORDER BY ALL")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    StringBuilder columns = new StringBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.append(i == 1 ? "" : ", ").append(meta.getColumnName(i));
                    }
                    out.write("COPY " + table + " (" + columns + ") FROM stdin;\n");
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            if (i > 1) {
                                out.write('\t');
                            }
                            String value = rs.getString(i);
                            out.write(value == null ? "\\N" : copyText(value));
                        }
                        out.write('\n');
                    }
                    out.write("\\.\n");
                }
            }
        }
    }

    /** A value in COPY's text format: backslash, tab and line breaks escaped. */
    static String copyText(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** {@code {"table_metadata": {table: [{data_type, column_name, column_description}]}}, as the benchmark's. */
    private static void writeMeta(Connection connection, Path file) throws IOException, SQLException {
        ObjectNode tables = JSON.createObjectNode();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT table_name, column_name, data_type, comment "
                     + "FROM duckdb_columns() WHERE schema_name = 'main' ORDER BY table_name, column_index")) {
            while (rs.next()) {
                ArrayNode columns = tables.has(rs.getString(1)) ? (ArrayNode) tables.get(rs.getString(1))
                        : tables.putArray(rs.getString(1));
                columns.addObject().put("data_type", rs.getString(3).toLowerCase(java.util.Locale.ROOT))
                        .put("column_name", rs.getString(2))
                        .put("column_description", rs.getString(4) == null ? "" : rs.getString(4));
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("table_metadata", tables);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }
}
