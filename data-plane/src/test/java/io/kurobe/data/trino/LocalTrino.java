package io.kurobe.data.trino;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A real Trino coordinator for the tests of the {@code trino} profile: the {@code trino-server-core} tarball and
 * the tpch and memory plugins, fetched and unpacked by Maven, started once per test JVM as a child process under
 * the Java it needs (25 for Trino 476), on free ports, and stopped when the last test class is done. It serves
 * HTTP to a bare user name and HTTPS (a self-signed certificate) to {@link #USER} with {@link #PASSWORD}, checked by
 * Trino's password file authenticator. With
 * {@code -Dkurobe.trino.url=jdbc:trino://host:port} the tests use a coordinator that already runs instead.
 */
public final class LocalTrino implements BeforeAllCallback {
    static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final String HOME = "kurobe.trino.home";
    private static final String PLUGINS = "kurobe.trino.plugins";
    private static final String JAVA = "kurobe.trino.java";
    private static final String URL = "kurobe.trino.url";

    static final String USER = "analyst";
    static final String PASSWORD = "correct horse";

    private static Server server;
    private static RuntimeException startFailure;

    /** Base URL, {@code jdbc:trino://127.0.0.1:port}, of the running coordinator. */
    static String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("LocalTrino is not started: annotate the test with"
                    + " @ExtendWith(LocalTrino.class)");
        }
        return server.baseUrl();
    }

    /**
     * The coordinator's HTTPS URL of tpch tiny, where only {@link #USER} with {@link #PASSWORD} gets in; empty when
     * the tests use a coordinator they did not start.
     */
    static Optional<String> secureUrl() {
        baseUrl();
        return server.secureUrl();
    }

    /** Runs statements in autocommit mode, as a person setting up data would; the connector never writes. */
    static void setUp(String... statements) {
        Properties properties = new Properties();
        properties.setProperty("user", "setup");
        try (Connection connection = DriverManager.getConnection(baseUrl(), properties);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("setting up Trino data failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (LocalTrino.class) {
            if (startFailure != null) {
                throw new IllegalStateException("Trino failed to start for an earlier test class", startFailure);
            }
            if (server == null) {
                String given = System.getProperty(URL, "");
                try {
                    server = given.isBlank() ? Child.start() : new Remote(given);
                } catch (RuntimeException e) {
                    startFailure = e;
                    throw e;
                }
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(LocalTrino.class, server);
            }
        }
    }

    private interface Server extends ExtensionContext.Store.CloseableResource {
        String baseUrl();

        /** The HTTPS URL of tpch tiny, which takes {@link #USER} with {@link #PASSWORD} only; empty for a remote one. */
        Optional<String> secureUrl();
    }

    private record Remote(String baseUrl) implements Server {
        @Override
        public Optional<String> secureUrl() {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }

    /** A coordinator that is also its only worker, in its own run directory under target/. */
    private static final class Child implements Server {
        private final Process process;
        private final int port;
        private final int httpsPort;
        private final Path trustStore;
        private final Path log;

        private Child(Process process, int port, int httpsPort, Path trustStore, Path log) {
            this.process = process;
            this.port = port;
            this.httpsPort = httpsPort;
            this.trustStore = trustStore;
            this.log = log;
        }

        @Override
        public Optional<String> secureUrl() {
            return Optional.of("jdbc:trino://127.0.0.1:" + httpsPort + "/tpch/tiny?SSL=true&SSLTrustStorePath="
                    + trustStore + "&SSLTrustStorePassword=" + Tls.STORE_PASSWORD + "&SSLTrustStoreType=PKCS12");
        }

        static Child start() {
            Path home = Path.of(required(HOME));
            Path plugins = Path.of(required(PLUGINS));
            String java = required(JAVA);
            if (!Files.isExecutable(Path.of(java))) {
                throw new IllegalStateException("no Java at " + java + ": Trino 476 needs Java 24 or newer; run"
                        + " with -Dtrino.java.home=<a JDK 24+> (the profile's default is the Temurin 25 in /usr/lib/jvm)");
            }
            try {
                int port = freePort();
                int httpsPort = freePort();
                Path run = Files.createTempDirectory(Path.of("target"), "trino-run-").toAbsolutePath();
                Path etc = Files.createDirectories(run.resolve("etc"));
                Path catalogs = Files.createDirectories(etc.resolve("catalog"));
                Path pluginDir = Files.createDirectories(run.resolve("plugin"));
                try (var unpacked = Files.list(plugins)) {
                    for (Path plugin : unpacked.filter(Files::isDirectory).toList()) {
                        Files.createSymbolicLink(pluginDir.resolve(plugin.getFileName()), plugin.toAbsolutePath());
                    }
                }
                linkPasswordPlugin(home, pluginDir.resolve("password-authenticators"));
                Path keyStore = Tls.keyStore(run);
                Files.writeString(etc.resolve("password.db"), USER + ":" + Tls.pbkdf2(PASSWORD) + "\n");
                Files.writeString(etc.resolve("password-authenticator.properties"),
                        "password-authenticator.name=file\nfile.password-file=" + etc.resolve("password.db") + "\n");
                Files.writeString(etc.resolve("config.properties"), String.join("\n",
                        "coordinator=true",
                        "node-scheduler.include-coordinator=true",
                        "http-server.http.port=" + port,
                        "discovery.uri=http://127.0.0.1:" + port,
                        "plugin.dir=" + pluginDir,
                        "catalog.config-dir=" + catalogs,
                        "query.max-memory=256MB",
                        "query.max-memory-per-node=256MB",
                        // HTTPS with a password file, as a secured cluster has; plain HTTP still takes a bare user
                        "http-server.https.enabled=true",
                        "http-server.https.port=" + httpsPort,
                        "http-server.https.keystore.path=" + keyStore,
                        "http-server.https.keystore.key=" + Tls.STORE_PASSWORD,
                        "http-server.authentication.type=PASSWORD",
                        "http-server.authentication.allow-insecure-over-http=true",
                        "internal-communication.shared-secret=" + Tls.randomSecret(),
                        ""));
                Files.writeString(catalogs.resolve("tpch.properties"), "connector.name=tpch\n");
                Files.writeString(catalogs.resolve("memory.properties"), "connector.name=memory\n");
                Path log = run.resolve("server.log");
                List<String> command = new ArrayList<>(List.of(java, "-Xmx1G", "-XX:+UseSerialGC",
                        "-Djdk.attach.allowAttachSelf=true",
                        "-Dconfig=" + etc.resolve("config.properties"),
                        "-Dnode.environment=kurobe_test", "-Dnode.id=kurobe-test",
                        "-Dnode.data-dir=" + Files.createDirectories(run.resolve("data")),
                        "-cp", home.toAbsolutePath().resolve("lib") + "/*", "io.trino.server.TrinoServer"));
                Process process = new ProcessBuilder(command).directory(run.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                Child started = new Child(process, port, httpsPort, keyStore, log);
                Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
                started.awaitReady();
                return started;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start Trino from " + home, e);
            }
        }

        /**
         * The tarball stores most of a plugin's jars as hard links to lib/, which Maven's unpacker leaves as empty
         * files: each jar is linked from where it holds its bytes.
         */
        private static void linkPasswordPlugin(Path home, Path target) throws IOException {
            Files.createDirectories(target);
            try (var jars = Files.list(home.resolve("plugin").resolve("password-authenticators"))) {
                for (Path jar : jars.toList()) {
                    Path bytes = Files.size(jar) > 0 ? jar : home.resolve("lib").resolve(jar.getFileName());
                    Files.createSymbolicLink(target.resolve(jar.getFileName()), bytes.toAbsolutePath());
                }
            }
        }

        /** Ready when /v1/info says the coordinator is no longer starting. */
        private void awaitReady() {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest info = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info"))
                    .timeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Trino exited with " + process.exitValue() + " while starting:\n"
                            + tail());
                }
                try {
                    HttpResponse<String> response = http.send(info, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("\"starting\":false")) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Trino", e);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Trino", e);
                }
            }
            close();
            throw new IllegalStateException("Trino did not start within " + START_TIMEOUT.toSeconds() + " s:\n" + tail());
        }

        private String tail() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log at " + log + ")";
            }
        }

        @Override
        public String baseUrl() {
            return "jdbc:trino://127.0.0.1:" + port;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run the Trino tests with"
                    + " ./mvnw -pl data-plane verify -Ptrino, which fetches the server and sets it");
        }
        return value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
