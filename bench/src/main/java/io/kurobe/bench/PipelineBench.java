package io.kurobe.bench;

import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.QuestionReceived;
import io.kurobe.model.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * Sends questions through the running pipeline the way a batch job does (question.received in,
 * panels.ready out) and, on the same broker in the same run, times a raw produce-to-consume hop
 * with the same producer settings, then prints both and their ratio.
 */
public final class PipelineBench {
    private static final String HOP_TOPIC = "kurobe.bench.hop";
    private static final List<String> QUESTIONS = List.of(
            "How many orders were placed in 2024?",
            "What is the total amount of orders by status?",
            "How many customers are there?",
            "What is the average unit price of products?",
            "List the regions");

    private final String bootstrap;
    private final int questions;
    private final int inFlight;
    private final String tenant;
    private final String connection;

    private PipelineBench(String bootstrap, int questions, int inFlight, String tenant, String connection) {
        this.bootstrap = bootstrap;
        this.questions = questions;
        this.inFlight = inFlight;
        this.tenant = tenant;
        this.connection = connection;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        PipelineBench bench = new PipelineBench(
                options.getOrDefault("bootstrap", "localhost:9092"),
                Integer.parseInt(options.getOrDefault("questions", "200")),
                Integer.parseInt(options.getOrDefault("in-flight", "4")),
                options.getOrDefault("tenant", "demo"),
                options.getOrDefault("connection", "demo"));
        bench.run();
    }

    private void run() throws Exception {
        System.out.printf("Kurobe pipeline benchmark: %d questions, %d in flight, broker %s%n",
                questions, inFlight, bootstrap);
        System.out.printf("machine: %d cores, java %s, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
        createHopTopic();
        warmUp();
        Latencies hop = rawHop(Math.max(questions, 500));
        long start = System.nanoTime();
        Result pipeline = pipeline(questions);
        double seconds = (System.nanoTime() - start) / 1e9;
        Latencies hopAfter = rawHop(Math.max(questions, 500));

        System.out.println();
        System.out.printf("%-34s %9s %9s %9s %7s%n", "", "p50 ms", "p95 ms", "p99 ms", "n");
        print("raw Kafka hop (before)", hop);
        print("raw Kafka hop (after)", hopAfter);
        print("pipeline, question to panels", pipeline.latencies);
        System.out.printf("%nthroughput: %.1f questions/s (%d answered, %d failed, %.1f s)%n",
                pipeline.latencies.count() / seconds, pipeline.answered, pipeline.failed, seconds);
        double hopP50 = (hop.percentileMillis(50) + hopAfter.percentileMillis(50)) / 2;
        double ratio = pipeline.latencies.percentileMillis(50) / hopP50;
        System.out.printf("ratio pipeline p50 / raw hop p50: %.1f (the pipeline crosses 6 topics: "
                + "%.1f hop-equivalents per topic)%n", ratio, ratio / 6);
    }

    private static void print(String name, Latencies l) {
        System.out.printf("%-34s %9.2f %9.2f %9.2f %7d%n", name, l.percentileMillis(50), l.percentileMillis(95),
                l.percentileMillis(99), l.count());
    }

    private void warmUp() throws Exception {
        pipeline(Math.min(10, questions));
        rawHop(50);
    }

    private Latencies rawHop(int records) {
        Latencies latencies = new Latencies(records);
        try (KafkaConsumer<String, String> consumer = consumer();
             KafkaProducer<String, String> producer = producer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(HOP_TOPIC).stream()
                    .map(p -> new TopicPartition(HOP_TOPIC, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            for (int i = 0; i < records; i++) {
                String key = UUID.randomUUID().toString();
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(HOP_TOPIC, key, Long.toString(sent)));
                boolean received = false;
                while (!received) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        if (r.key().equals(key)) {
                            latencies.add(System.nanoTime() - sent);
                            received = true;
                        }
                    }
                }
            }
        }
        return latencies;
    }

    private record Result(Latencies latencies, int answered, int failed) {
    }

    private Result pipeline(int count) throws InterruptedException {
        Latencies latencies = new Latencies(count);
        Map<String, Long> pending = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(inFlight);
        int answered = 0;
        int failed = 0;
        try (KafkaConsumer<String, String> consumer = consumer();
             KafkaProducer<String, String> producer = producer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PANELS_READY).stream()
                    .map(p -> new TopicPartition(Topics.PANELS_READY, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            int sent = 0;
            long giveUp = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while ((sent < count || !pending.isEmpty()) && System.nanoTime() < giveUp) {
                while (sent < count && slots.tryAcquire()) {
                    String id = UUID.randomUUID().toString();
                    Envelope envelope = new Envelope(id, tenant, null, connection, null, Instant.now(), null, 1);
                    QuestionReceived question = new QuestionReceived(envelope, QUESTIONS.get(sent % QUESTIONS.size()),
                            List.of(), "bench", QuestionOptions.defaults());
                    pending.put(id, System.nanoTime());
                    producer.send(new ProducerRecord<>(Topics.QUESTION_RECEIVED, id, EventJson.write(question)));
                    sent++;
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    Long start = pending.remove(r.key());
                    if (start == null) {
                        continue;
                    }
                    latencies.add(System.nanoTime() - start);
                    slots.release();
                    if (EventJson.read(r.value(), PanelsReady.class).error() == null) {
                        answered++;
                    } else {
                        failed++;
                    }
                }
            }
            if (!pending.isEmpty()) {
                System.out.printf("%d questions got no answer within 5 minutes%n", pending.size());
            }
        }
        return new Result(latencies, answered, failed);
    }

    private void createHopTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(HOP_TOPIC, 6, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new ConcurrentHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: PipelineBench [--bootstrap host:port] [--questions N] "
                        + "[--in-flight N] [--tenant id] [--connection id]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
