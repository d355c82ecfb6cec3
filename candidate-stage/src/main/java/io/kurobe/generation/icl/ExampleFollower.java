package io.kurobe.generation.icl;

import io.kurobe.generation.llm.LlmGenerators;
import io.kurobe.model.InvalidEventException;
import io.kurobe.model.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the example store up to date when an ICL generator is configured: a thread with its own consumer, in no
 * consumer group, that reads every partition of {@code examples} from the beginning and then follows it. Start-up
 * and readiness do not wait for it; until it has caught up, a connection without examples yet says so.
 */
@ApplicationScoped
public class ExampleFollower {
    private static final Logger LOG = Logger.getLogger(ExampleFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    @Inject
    ExampleStore store;

    @Inject
    LlmGenerators generators;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Set<String> malformed = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    void onStart(@Observes StartupEvent start) {
        Gauge.builder("kurobe.icl.examples", store, ExampleStore::size)
                .description("Examples the ICL generator holds, over all connections").register(registry);
        if (!generators.anyInContext()) {
            LOG.debug("no ICL generator configured; the examples topic is not read");
            return;
        }
        running = true;
        thread = new Thread(this::follow, "icl-examples");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the topic is being followed (an ICL generator is configured). */
    public boolean following() {
        return running;
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                read(c);
            } catch (WakeupException e) {
                return;
            } catch (KafkaException | IllegalStateException e) {
                LOG.warnf("reading the examples topic failed (%s); retrying in %d s", e.getMessage(), RETRY.toSeconds());
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    private void read(KafkaConsumer<String, String> c) {
        List<PartitionInfo> partitions = c.partitionsFor(Topics.EXAMPLES, Duration.ofSeconds(30));
        while (running && (partitions == null || partitions.isEmpty())) {
            LOG.infof("topic %s does not exist yet; the ICL generator has no examples until it does", Topics.EXAMPLES);
            pause();
            partitions = c.partitionsFor(Topics.EXAMPLES, Duration.ofSeconds(30));
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        c.assign(assigned);
        for (TopicPartition partition : assigned) {
            Long resume = next.get(partition);
            if (resume == null) {
                c.seekToBeginning(List.of(partition));
            } else {
                c.seek(partition, resume);
            }
        }
        Map<TopicPartition, Long> end = store.caughtUp() ? Map.of() : c.endOffsets(assigned);
        while (running) {
            int added = 0;
            int removed = 0;
            for (ConsumerRecord<String, String> record : c.poll(POLL)) {
                next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                try {
                    if (store.apply(record.key(), record.value())) {
                        if (record.value() == null) {
                            removed++;
                        } else {
                            added++;
                        }
                    }
                } catch (InvalidEventException e) {
                    if (malformed.add(record.partition() + "@" + record.offset())) {
                        LOG.warnf("skipped example record %s-%d@%d (key %s): %s", record.topic(), record.partition(),
                                record.offset(), record.key(), e.getMessage());
                    }
                } catch (RuntimeException e) {
                    if (malformed.add(record.partition() + "@" + record.offset())) {
                        LOG.errorf("could not hold example record %s-%d@%d (key %s): %s", record.topic(),
                                record.partition(), record.offset(), record.key(), e.getClass().getSimpleName());
                    }
                }
            }
            if (!store.caughtUp()) {
                if (end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                    store.caughtUp(true);
                    LOG.infof("ICL examples: read topic %s, holding %d examples for %d connections", Topics.EXAMPLES,
                            store.size(), store.connections());
                }
            } else if (added + removed > 0) {
                LOG.infof("ICL examples: %d added or replaced, %d removed; holding %d examples for %d connections",
                        added, removed, store.size(), store.connections());
            }
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "kurobe-candidate-examples-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
