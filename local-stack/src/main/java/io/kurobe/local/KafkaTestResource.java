package io.kurobe.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test a real KRaft broker: {@code @QuarkusTestResource(KafkaTestResource.class)}.
 * Starts a {@link LocalKafka} in a temporary directory on a free port and sets
 * {@code kafka.bootstrap.servers}; when the environment variable {@code KUROBE_TEST_KAFKA} holds a
 * bootstrap address, uses that broker instead and starts nothing. Init arg {@code partitions}
 * sets the default partition count of auto-created topics.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String EXTERNAL_BROKER_ENV = "KUROBE_TEST_KAFKA";

    private int partitions = LocalKafka.DEFAULT_PARTITIONS;
    private LocalKafka kafka;
    private Path dir;

    @Override
    public void init(Map<String, String> initArgs) {
        String value = initArgs.get("partitions");
        if (value != null) {
            partitions = Integer.parseInt(value);
        }
    }

    @Override
    public Map<String, String> start() {
        String external = System.getenv(EXTERNAL_BROKER_ENV);
        if (external != null && !external.isBlank()) {
            return Map.of("kafka.bootstrap.servers", external.trim());
        }
        try {
            dir = Files.createTempDirectory("kurobe-kafka-");
            kafka = LocalKafka.start(dir, 0, partitions);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the test Kafka broker", e);
        }
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (dir != null) {
            deleteRecursively(dir);
            dir = null;
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory does not fail a test run
        }
    }
}
