package io.kurobe.stage.testing;

import io.kurobe.data.demo.DemoDatabase;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo database for a test JVM, made once in target/: unit tests and the Quarkus test (which may
 * load this class in another class loader) find the same file by the JVM's process id.
 */
public final class DemoDb {
    private DemoDb() {
    }

    public static synchronized Path file() {
        Path file = Path.of("target", "demo-" + ProcessHandle.current().pid() + ".duckdb").toAbsolutePath();
        if (!Files.exists(file)) {
            DemoDatabase.create(file);
            file.toFile().deleteOnExit();
        }
        return file;
    }

    /**
     * The demo database's URL, with DuckDB's driver registered for the caller's class loader: after a
     * Quarkus test has run, DriverManager only knows the driver of Quarkus' class loader, which plain
     * unit tests in the same JVM are not allowed to use.
     */
    public static String jdbcUrl() {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("DuckDB's JDBC driver is not on the test class path", e);
        }
        return "jdbc:duckdb:" + file();
    }
}
