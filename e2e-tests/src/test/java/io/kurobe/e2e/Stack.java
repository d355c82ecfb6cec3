package io.kurobe.e2e;

import io.kurobe.data.demo.DemoDatabase;
import io.kurobe.llm.testing.FakeVendorServer;
import io.kurobe.local.LocalKafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The whole of Kurobe on one machine, as `./kurobe up` starts it: a KRaft broker, the machine's
 * PostgreSQL (a fresh database), the demo DuckDB file and the six packaged services as JVMs.
 */
final class Stack implements AutoCloseable {
    static final List<String> STAGES = List.of("intent-stage", "schema-stage", "candidate-stage",
            "selection-stage", "panel-stage");
    static final String DATABASE = "kurobe_e2e";
    static final Duration READY = Duration.ofSeconds(120);

    final Path root = Path.of("..").toAbsolutePath().normalize();
    final Path work = Path.of("target", "e2e").toAbsolutePath();
    final Path demoDb = work.resolve("demo.duckdb");
    final String apiKey = "kb_" + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(new SecureRandom().generateSeed(24));
    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, String> extraEnv;
    LocalKafka kafka;

    private Stack(Map<String, String> extraEnv) {
        this.extraEnv = Map.copyOf(extraEnv);
    }

    static Stack start() throws Exception {
        return start(Map.of());
    }

    /**
     * With the given roles calling one openai-compatible model served by {@code server}: its settings
     * ({@link FakeVendorServer#roleConfig}, a 10 s timeout) go to {@code target/<file>}, which every service reads
     * through QUARKUS_CONFIG_LOCATIONS.
     */
    static Stack startWithModel(FakeVendorServer server, String name, String modelId, String file, String... roles)
            throws Exception {
        Map<String, String> config = new java.util.TreeMap<>(server.roleConfig(name, modelId, roles[0]));
        for (String role : roles) {
            config.put("kurobe.llm.roles." + role, name);
        }
        config.put("kurobe.llm.models." + name + ".timeout", "10s");
        Path models = Path.of("target", file).toAbsolutePath();
        Files.createDirectories(models.getParent());
        StringBuilder text = new StringBuilder();
        config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(models, text);
        return start(Map.of("QUARKUS_CONFIG_LOCATIONS", models.toString()));
    }

    /** With more environment for every service, for instance QUARKUS_CONFIG_LOCATIONS naming a file of models. */
    static Stack start(Map<String, String> extraEnv) throws Exception {
        Stack stack = new Stack(extraEnv);
        try {
            stack.boot();
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void boot() throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work.resolve("logs"));
        kafka = LocalKafka.start(work.resolve("kafka"), 0);
        DemoDatabase.create(demoDb);
        resetDatabase();
        ServiceProcess gateway = service("gateway");
        gateway.start();
        for (String stage : STAGES) {
            service(stage).start();
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(READY);
        }
    }

    /** Starts one more process of a module under another name, for instance a second gateway. */
    ServiceProcess startAnother(String module, String name) {
        ServiceProcess process = new ServiceProcess(name, jar(module), env(), work.resolve("logs"), freePort());
        services.put(name, process);
        process.start();
        process.awaitReady(READY);
        return process;
    }

    ServiceProcess get(String name) {
        return services.get(name);
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", "");
    }

    private ServiceProcess service(String module) {
        ServiceProcess process = new ServiceProcess(module, jar(module), env(), work.resolve("logs"), freePort());
        services.put(module, process);
        return process;
    }

    private Path jar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("KUROBE_DEMO_DB", demoDb.toString());
        env.put("KUROBE_DB_HOST", "127.0.0.1");
        env.put("KUROBE_DB_PORT", "5432");
        env.put("KUROBE_DB_NAME", DATABASE);
        env.put("KUROBE_DB_ADMIN_USER", "postgres");
        // the gateway seals stored passwords with this key file, the stages open them with it
        env.put("KUROBE_CRYPTO_KEY_FILE", work.resolve("secret.key").toString());
        env.put("KUROBE_BOOTSTRAP_API_KEY", apiKey);
        env.put("KUROBE_BOOTSTRAP_TENANT", "demo");
        env.putAll(extraEnv);
        return env;
    }

    private static void resetDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::stop);
        if (kafka != null) {
            kafka.close();
        }
    }
}
