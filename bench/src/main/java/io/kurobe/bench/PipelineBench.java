package io.kurobe.bench;

import io.kurobe.model.Envelope;
import io.kurobe.model.EventJson;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.QuestionReceived;
import io.kurobe.model.Stage;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
        printBreakdown(pipeline.traces);
    }

    /** Which topic each stage's result goes to: the stage after it reads that topic. */
    private static final Map<Stage, String> OUTPUT = new EnumMap<>(Map.of(
            Stage.INTENT, Topics.INTENT_VALIDATED,
            Stage.SCHEMA, Topics.SCHEMA_LINKED,
            Stage.CANDIDATE, Topics.CANDIDATES_GENERATED,
            Stage.SELECTION, Topics.CANDIDATE_SELECTED,
            Stage.PANEL, Topics.PANELS_READY));

    /**
     * One answered question's path: when the bench sent it, each stage's STARTED and DONE (the stage's own clock,
     * carried in the progress event's envelope), when each stage's result was produced (the record's create
     * time, in milliseconds) and when the bench read the answer. All processes share this machine's clock.
     */
    private static final class Trace {
        final Instant sent;
        final Map<Stage, Instant> started = new EnumMap<>(Stage.class);
        final Map<Stage, Instant> done = new EnumMap<>(Stage.class);
        final Map<String, Instant> produced = new LinkedHashMap<>();
        Instant answered;

        Trace(Instant sent) {
            this.sent = sent;
        }

        boolean complete() {
            return answered != null && started.size() == Stage.values().length && done.size() == Stage.values().length
                    && produced.keySet().containsAll(OUTPUT.values());
        }
    }

    /**
     * Where a question's time goes: each stage's work (its STARTED to its DONE) and each hand-over between stages,
     * split into the stage's sends after deciding (DONE to the next event's create time: the DONE progress
     * event's acknowledgement, then serializing the next event) and the hop itself (create time to the next
     * stage's STARTED: broker, consumer fetch, dispatch to a worker, reading the JSON).
     */
    private static void printBreakdown(List<Trace> traces) {
        List<Trace> complete = traces.stream().filter(Trace::complete).toList();
        if (complete.isEmpty()) {
            System.out.println("\nno question had every stage's progress events: no per-stage breakdown");
            return;
        }
        Map<String, Latencies> rows = new LinkedHashMap<>();
        Stage[] stages = Stage.values();
        for (Trace t : complete) {
            add(rows, complete.size(), "asked -> intent STARTED", t.sent, t.started.get(Stage.INTENT));
            for (int i = 0; i < stages.length; i++) {
                Stage stage = stages[i];
                String name = stage.name().toLowerCase();
                add(rows, complete.size(), name + " work (STARTED -> DONE)", t.started.get(stage), t.done.get(stage));
                Instant produced = t.produced.get(OUTPUT.get(stage));
                add(rows, complete.size(), name + " DONE -> result produced", t.done.get(stage), produced);
                if (i + 1 < stages.length) {
                    Stage following = stages[i + 1];
                    add(rows, complete.size(), "  hop -> " + following.name().toLowerCase() + " STARTED", produced,
                            t.started.get(following));
                    add(rows, complete.size(), name + " DONE -> " + following.name().toLowerCase() + " STARTED",
                            t.done.get(stage), t.started.get(following));
                } else {
                    add(rows, complete.size(), "  hop -> answer read by the asker", produced, t.answered);
                }
            }
        }
        System.out.printf("%nper-stage breakdown over %d questions (create times have millisecond precision)%n",
                complete.size());
        System.out.printf("%-42s %9s %9s %9s%n", "", "p50 ms", "p95 ms", "mean ms");
        double work = 0;
        double handOver = 0;
        for (Map.Entry<String, Latencies> row : rows.entrySet()) {
            Latencies l = row.getValue();
            System.out.printf("%-42s %9.2f %9.2f %9.2f%n", row.getKey(), l.percentileMillis(50),
                    l.percentileMillis(95), l.meanMillis());
            if (row.getKey().contains(" work ")) {
                work += l.meanMillis();
            } else if (!row.getKey().startsWith("  ") && !row.getKey().contains("result produced")) {
                handOver += l.meanMillis();
            }
        }
        Latencies last = rows.get("  hop -> answer read by the asker");
        Latencies panelSends = rows.get("panel DONE -> result produced");
        handOver += last.meanMillis() + panelSends.meanMillis();
        System.out.printf("mean per question: %.1f ms in the stages' work, %.1f ms between them%n", work, handOver);
    }

    private static void add(Map<String, Latencies> rows, int capacity, String name, Instant from, Instant to) {
        rows.computeIfAbsent(name, n -> new Latencies(capacity)).add(Duration.between(from, to).toNanos());
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

    private record Result(Latencies latencies, int answered, int failed, List<Trace> traces) {
    }

    private Result pipeline(int count) throws InterruptedException {
        Latencies latencies = new Latencies(count);
        Map<String, Long> pending = new ConcurrentHashMap<>();
        Map<String, Trace> traces = new LinkedHashMap<>();
        Semaphore slots = new Semaphore(inFlight);
        int answered = 0;
        int failed = 0;
        try (KafkaConsumer<String, String> consumer = consumer();
             KafkaProducer<String, String> producer = producer()) {
            // panels.ready ends a question; the progress topic and every stage's output give its breakdown
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.PANELS_READY, Topics.QUESTION_PROGRESS, Topics.INTENT_VALIDATED,
                    Topics.SCHEMA_LINKED, Topics.CANDIDATES_GENERATED, Topics.CANDIDATE_SELECTED)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
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
                    traces.put(id, new Trace(Instant.now()));
                    pending.put(id, System.nanoTime());
                    producer.send(new ProducerRecord<>(Topics.QUESTION_RECEIVED, id, EventJson.write(question)));
                    sent++;
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    Trace trace = traces.get(r.key());
                    if (trace == null) {
                        continue;
                    }
                    if (!r.topic().equals(Topics.PANELS_READY)) {
                        trace(trace, r);
                        continue;
                    }
                    trace.answered = Instant.now();
                    trace.produced.putIfAbsent(r.topic(), Instant.ofEpochMilli(r.timestamp()));
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
            // the last progress events may follow the answer in another fetch
            long drain = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < drain && traces.values().stream().anyMatch(t -> t.answered != null
                    && t.done.size() < Stage.values().length)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    Trace trace = traces.get(r.key());
                    if (trace != null && !r.topic().equals(Topics.PANELS_READY)) {
                        trace(trace, r);
                    }
                }
            }
        }
        return new Result(latencies, answered, failed, new ArrayList<>(traces.values()));
    }

    private static void trace(Trace trace, ConsumerRecord<String, String> r) {
        if (r.topic().equals(Topics.QUESTION_PROGRESS)) {
            QuestionProgress progress = EventJson.read(r.value(), QuestionProgress.class);
            Instant at = progress.envelope().occurredAt();
            if (progress.status() == ProgressStatus.STARTED) {
                trace.started.putIfAbsent(progress.stage(), at);
            } else if (progress.status() == ProgressStatus.DONE) {
                trace.done.putIfAbsent(progress.stage(), at);
            }
        } else {
            trace.produced.putIfAbsent(r.topic(), Instant.ofEpochMilli(r.timestamp()));
        }
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
