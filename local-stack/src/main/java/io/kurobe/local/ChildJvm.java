package io.kurobe.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starts a JVM as a child process on a classpath resolved at build time (a resource written by the
 * maven-dependency-plugin), with the same JDK that runs the caller.
 */
final class ChildJvm {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private ChildJvm() {
    }

    /** The classpath stored in a resource next to this class, without duplicates. */
    static String classpath(String resource) {
        try (InputStream in = ChildJvm.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + resource
                        + " is missing: build local-stack with Maven first");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            Set<String> entries = new LinkedHashSet<>(Arrays.asList(text.split(java.io.File.pathSeparator)));
            entries.removeIf(String::isBlank);
            return String.join(java.io.File.pathSeparator, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This module's own classes (a directory or a jar), for a child that runs one of them. */
    static String ownLocation() {
        try {
            return Paths.get(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the local-stack classes", e);
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(command -> command.endsWith("java"))
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    static List<String> command(String classpath, List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** Starts the command with stdout and stderr appended to the log; the child outlives the caller. */
    static Process start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        process.getOutputStream().close();
        return process;
    }

    /** Runs the command to its end; returns its output, or throws with it when the exit code is not 0. */
    static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            output = reader.lines().collect(Collectors.joining("\n"));
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            List<String> lines = output.lines().toList();
            throw new IllegalStateException(String.join(" ", command.subList(command.indexOf("-cp") + 2, command.size()))
                    + " ended with exit code " + process.exitValue() + "; last lines of its output:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
        return output;
    }

    /** SIGTERM, then SIGKILL when the process has not ended within the grace period. */
    static void stop(ProcessHandle process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (Exception e) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    /** The last lines of a log file, for error messages. */
    static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
