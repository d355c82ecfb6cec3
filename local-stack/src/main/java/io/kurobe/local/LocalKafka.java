package io.kurobe.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one process) running as a child
 * JVM on the kafka_2.13 jars from the local Maven repository. No Docker.
 */
public final class LocalKafka implements AutoCloseable {

    public static final int DEFAULT_PARTITIONS = 6;
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final String CLASSPATH_RESOURCE = "kafka-classpath.txt";
    private static final List<String> JVM_OPTIONS = List.of("-Xms128m", "-Xmx384m", "-Djava.awt.headless=true");

    private final Process process;
    private final String bootstrapServers;
    private final Path log;

    private LocalKafka(Process process, String bootstrapServers, Path log) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.log = log;
    }

    /** Starts a broker with the default partition count; port 0 picks a free port. */
    public static LocalKafka start(Path dir, int port) throws IOException, InterruptedException {
        return start(dir, port, DEFAULT_PARTITIONS);
    }

    /**
     * Formats {@code dir} unless it holds a broker already, and starts a broker listening on 127.0.0.1:{@code port} (0 picks a
     * free port), then waits until it serves metadata. The broker writes its output to
     * {@code dir/broker.log}.
     */
    public static LocalKafka start(Path dir, int port, int partitions) throws IOException, InterruptedException {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        Path home = dir.toAbsolutePath();
        Files.createDirectories(home);
        int brokerPort = port == 0 ? Ports.free() : port;
        if (!Ports.isBindable(brokerPort)) {
            throw new IllegalStateException("cannot start Kafka: port " + brokerPort + " on "
                    + Ports.LOOPBACK + " is taken");
        }
        int controllerPort = Ports.free();
        Path config = home.resolve("server.properties");
        Files.writeString(config, serverProperties(home, brokerPort, controllerPort, partitions));
        Path logging = home.resolve("log4j2.properties");
        Files.writeString(logging, LOG4J2);

        String classpath = ChildJvm.classpath(CLASSPATH_RESOURCE);
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.add("-Dlog4j2.configurationFile=" + logging);
        if (!Files.exists(home.resolve("data").resolve("meta.properties"))) {
            ChildJvm.run(ChildJvm.command(classpath, options, "kafka.tools.StorageTool",
                    "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()), STARTUP_TIMEOUT);
        }

        Path log = home.resolve("broker.log");
        Process process = ChildJvm.start(ChildJvm.command(classpath, options, "kafka.Kafka", config.toString()), log);
        LocalKafka kafka = new LocalKafka(process, Ports.LOOPBACK + ":" + brokerPort, log);
        try {
            kafka.awaitReady(brokerPort);
        } catch (RuntimeException | InterruptedException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Graceful shutdown (SIGTERM), then a kill when the broker has not stopped within 30 s. */
    @Override
    public void close() {
        ChildJvm.stop(process.toHandle());
    }

    private void awaitReady(int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (!Ports.accepts(Ports.LOOPBACK, port, 500)) {
            checkProgress(deadline);
            Thread.sleep(200);
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            while (true) {
                checkProgress(deadline);
                if (!brokers(admin).isEmpty()) {
                    return;
                }
                Thread.sleep(200);
            }
        }
    }

    private static Collection<Node> brokers(Admin admin) throws InterruptedException {
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000)).nodes().get(6, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return List.of();
        }
    }

    private void checkProgress(Instant deadline) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the Kafka broker exited with code " + process.exitValue()
                    + " before it was ready; last lines of " + log + ":\n" + ChildJvm.tail(log, 40));
        }
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("the Kafka broker did not serve metadata on " + bootstrapServers
                    + " within " + STARTUP_TIMEOUT.toSeconds() + " s; last lines of " + log + ":\n"
                    + ChildJvm.tail(log, 40));
        }
    }

    static String serverProperties(Path home, int brokerPort, int controllerPort, int partitions) {
        String host = Ports.LOOPBACK;
        return String.join("\n",
                "# Written by io.kurobe.local.LocalKafka: one node that is both broker and controller",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + brokerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + home.resolve("data"),
                "num.partitions=" + partitions,
                "auto.create.topics.enable=true",
                "# a single broker: every replication factor and in-sync minimum is 1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=" + partitions,
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "# consumers join a group at once instead of waiting for more members",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private static final String LOG4J2 = String.join("\n",
            "status = warn",
            "appender.stdout.type = Console",
            "appender.stdout.name = STDOUT",
            "appender.stdout.layout.type = PatternLayout",
            "appender.stdout.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.stdout.ref = STDOUT",
            "logger.kafka.name = kafka",
            "logger.kafka.level = INFO",
            "logger.state.name = state.change.logger",
            "logger.state.level = WARN",
            "");
}
