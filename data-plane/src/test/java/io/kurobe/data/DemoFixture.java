package io.kurobe.data;

import io.kurobe.data.demo.DemoDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One demo database per test JVM, made once: it takes a few seconds. */
public final class DemoFixture {
    private static Path file;

    private DemoFixture() {
    }

    public static synchronized Path demoFile() {
        if (file == null) {
            try {
                Path dir = Files.createTempDirectory("kurobe-demo");
                dir.toFile().deleteOnExit();
                file = dir.resolve("demo.duckdb");
                DemoDatabase.create(file);
                file.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    public static String demoUrl() {
        return "jdbc:duckdb:" + demoFile();
    }
}
