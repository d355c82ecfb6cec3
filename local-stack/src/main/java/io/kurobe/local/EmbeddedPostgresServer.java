package io.kurobe.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Main of the child JVM that keeps an embedded PostgreSQL (zonky binaries) alive: starts it on the
 * given data directory and port, writes the ready file, and stops PostgreSQL on SIGTERM.
 * Run by {@link LocalPostgres}; its jars are on no other classpath.
 */
public final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path ready = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(data);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", Ports.LOOPBACK)
                .start();
        Path pending = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(pending, String.valueOf(postgres.getPort()));
        Files.move(pending, ready, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("embedded PostgreSQL ready on " + Ports.LOOPBACK + ":" + postgres.getPort());
        Thread.currentThread().join();
    }
}
