package io.kurobe.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL reached the way the reference scorer reaches it: the {@code PSQL} command (default
 * {@code psql -X -h 127.0.0.1 -U postgres}) and databases named {@code BENCH_DB_PREFIX + db_id}
 * (default {@code bench_}). Results are read from psql's CSV output, so values are compared as the
 * scorer sees them.
 */
final class Psql {
    /** A query's header and rows, every value as psql prints it in CSV (NULL is the empty string). */
    record Result(List<String> header, List<List<String>> rows) {
    }

    private final List<String> command;
    private final String prefix;

    Psql(String command, String prefix) {
        this.command = split(command);
        this.prefix = prefix;
    }

    static Psql fromEnvironment() {
        String command = System.getenv().getOrDefault("PSQL", "psql -X -h 127.0.0.1 -U postgres");
        String prefix = System.getenv().getOrDefault("BENCH_DB_PREFIX", "bench_");
        return new Psql(command, prefix);
    }

    String database(String dbId) {
        return prefix + dbId;
    }

    /** The JDBC URL of a benchmark database, on the host, port and user the psql command names. */
    String jdbcUrl(String dbId) {
        String host = option("-h", "--host", System.getenv().getOrDefault("PGHOST", "127.0.0.1"));
        String port = option("-p", "--port", System.getenv().getOrDefault("PGPORT", "5432"));
        return "jdbc:postgresql://" + host + ":" + port + "/" + database(dbId);
    }

    String user() {
        return option("-U", "--username", System.getenv().getOrDefault("PGUSER", "postgres"));
    }

    private String option(String shortName, String longName, String fallback) {
        for (int i = 0; i < command.size(); i++) {
            String word = command.get(i);
            if ((word.equals(shortName) || word.equals(longName)) && i + 1 < command.size()) {
                return command.get(i + 1);
            }
            if (word.startsWith(longName + "=")) {
                return word.substring(longName.length() + 1);
            }
            if (word.startsWith(shortName) && word.length() > shortName.length() && !word.startsWith("--")) {
                return word.substring(shortName.length());
            }
        }
        return fallback;
    }

    /** Runs one query with ON_ERROR_STOP; an error is thrown with psql's last error line. */
    Result query(String database, String sql, int timeoutSeconds) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("-d", database, "-v", "ON_ERROR_STOP=1", "--csv", "-c", sql));
        List<List<String>> rows = Csv.parse(run(cmd, null, timeoutSeconds));
        return rows.isEmpty() ? new Result(List.of(), List.of())
                : new Result(rows.get(0), rows.subList(1, rows.size()));
    }

    /** Runs statements quietly (a script file, or text on standard input), stopping at the first error. */
    void script(String database, Path file, String text, int timeoutSeconds) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("-d", database, "-q", "-v", "ON_ERROR_STOP=1"));
        if (file != null) {
            cmd.addAll(List.of("-f", file.toString()));
        }
        run(cmd, text, timeoutSeconds);
    }

    private static String run(List<String> cmd, String input, int timeoutSeconds) {
        Process process;
        try {
            process = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd.get(0) + " (set PSQL to a working psql command): "
                    + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new PsqlException("timed out after " + timeoutSeconds + " s");
            }
            String stdout = out.join();
            String stderr = err.join().strip();
            if (process.exitValue() != 0) {
                String[] lines = stderr.split("\n");
                throw new PsqlException(stderr.isEmpty() ? "psql failed" : lines[lines.length - 1]);
            }
            return stdout;
        } catch (IOException e) {
            throw new PsqlException("psql: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new PsqlException("interrupted");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Splits a command line as a POSIX shell would for plain words, single and double quotes. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    static final class PsqlException extends RuntimeException {
        PsqlException(String message) {
            super(message);
        }
    }
}
