package io.kurobe.generation;

import io.kurobe.data.ConnectorPool;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.GuardedExecutor;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.generation.llm.LlmGenerator;
import io.kurobe.generation.llm.LlmGenerators;
import io.kurobe.generation.refine.Refined;
import io.kurobe.generation.refine.Refiner;
import io.kurobe.generation.refine.RefinerConfig;
import io.kurobe.llm.LlmUsage;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.ExecutionOutcome;
import io.kurobe.model.ModelUsage;
import io.kurobe.model.SchemaLinked;
import io.kurobe.stage.Decision;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Candidate Generation Hub: runs the enabled generators and the model generators (one per configured
 * {@code generator.<name>} role) in parallel on the linked schema, each within its timeout and the question's
 * deadline, and executes each candidate through the guard with the asker's row limit and a timeout, so selection
 * can compare results. A model generator's failed or empty candidate goes through the {@link Refiner}.
 */
@Singleton
public class CandidateHub {
    private static final Logger LOG = Logger.getLogger(CandidateHub.class);

    private static final Duration DEFAULT_GENERATOR_TIMEOUT = Duration.ofSeconds(60);

    private final List<SqlGenerator> generators;
    private final List<LlmGenerator> models;
    private final Refiner refiner;
    private final Duration generatorTimeout;
    private final ExecutorService workers;
    private final ConnectorPool pool;
    private final GuardedExecutor executor;
    private final Duration timeout;
    private final Clock clock;

    @Inject
    public CandidateHub(@Any Instance<SqlGenerator> available, GenerationConfig generation, CandidateConfig candidate,
                        ConnectorPool pool, LlmGenerators llm, RefinerConfig refiner) {
        this(enabled(available.stream().toList(), generation.enabled()), llm.all(), refiner.maxRounds(), pool,
                candidate.timeout(), generation.timeout(), Clock.systemUTC());
    }

    public CandidateHub(List<SqlGenerator> generators, ConnectorPool pool, Duration timeout, Clock clock) {
        this(generators, List.of(), 0, pool, timeout, DEFAULT_GENERATOR_TIMEOUT, clock);
    }

    public CandidateHub(List<SqlGenerator> generators, List<LlmGenerator> models, int refineRounds, ConnectorPool pool,
                        Duration timeout, Duration generatorTimeout, Clock clock) {
        for (LlmGenerator model : models) {
            if (generators.stream().anyMatch(g -> g.name().equals(model.name()))) {
                throw new IllegalStateException("role " + model.role() + " names a model generator like the offline "
                        + "generator '" + model.name() + "'; give the role another name");
            }
        }
        this.generators = List.copyOf(generators);
        this.models = List.copyOf(models);
        this.refiner = new Refiner(refineRounds, clock);
        this.generatorTimeout = generatorTimeout;
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "candidate-generator");
            thread.setDaemon(true);
            return thread;
        });
        this.pool = pool;
        this.executor = new GuardedExecutor(pool);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The enabled generators in the configured order; a name no generator has is a configuration error. */
    static List<SqlGenerator> enabled(List<SqlGenerator> available, List<String> names) {
        Map<String, SqlGenerator> byName = available.stream()
                .collect(Collectors.toMap(SqlGenerator::name, Function.identity()));
        List<SqlGenerator> enabled = new ArrayList<>();
        for (String name : names) {
            SqlGenerator generator = byName.get(name.strip());
            if (generator == null) {
                throw new IllegalStateException("kurobe.generation.enabled names unknown generator '" + name
                        + "'; available: " + String.join(", ", byName.keySet()));
            }
            enabled.add(generator);
        }
        return enabled;
    }

    public Decision<CandidatesGenerated> generate(SchemaLinked linked) {
        return generate(linked, note -> { });
    }

    /** {@code progress} hears each model fallback and refine round as it happens. */
    public Decision<CandidatesGenerated> generate(SchemaLinked linked, Consumer<String> progress) {
        String connectionId = linked.envelope().connectionId();
        String tenantId = linked.envelope().tenantId();
        if (!pool.has(tenantId, connectionId)) {
            return Decision.fail("UNKNOWN_CONNECTION", pool.unknownMessage(connectionId));
        }
        List<SqlGenerator> running = requested(linked.options().generators());
        List<LlmGenerator> asking = requestedModels(linked.options().generators());
        if (running.isEmpty() && asking.isEmpty()) {
            return Decision.fail("NO_CANDIDATE", "None of the requested generators (" + String.join(", ",
                    linked.options().generators()) + ") is enabled; enabled: " + names(generators, models) + ".");
        }
        SchemaSnapshot schema = MSchemaReader.read(linked.mschema(), pool.engine(tenantId, connectionId),
                linked.schemaFingerprint());
        GenerationRequest request = new GenerationRequest(linked.question(), linked.dialect(), linked.mschema(),
                schema, linked.values(), linked.options().rowLimit(), tenantId, connectionId);
        Instant until = min(linked.envelope().deadline(), clock.instant().plus(generatorTimeout));
        Function<String, ExecutionOutcome> execute = sql -> execute(tenantId, connectionId, sql, request.rowLimit());
        List<String> order = new ArrayList<>();
        List<Future<Refined>> written = new ArrayList<>();
        for (LlmGenerator model : asking) {
            order.add(model.name());
            written.add(workers.submit(() -> refiner.run(model, request, until, execute,
                    fallback -> progress.accept(fallback.message(LlmGenerator.OFFLINE)), progress)));
        }
        for (SqlGenerator generator : running) {
            order.add(generator.name());
            written.add(workers.submit(() -> offline(generator, request, execute)));
        }
        List<Candidate> candidates = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ModelUsage used = ModelUsage.NONE;
        for (int i = 0; i < written.size(); i++) {
            Refined refined = await(order.get(i), written.get(i), until);
            for (LlmUsage call : refined.usage()) {
                used = used.plus(ModelUsage.call(call.role(), call.inputTokens(), call.outputTokens()));
            }
            if (refined.candidate().isPresent()) {
                candidates.add(refined.candidate().get());
            } else {
                reasons.add(order.get(i) + ": " + refined.reason());
            }
            if (!refined.usage().isEmpty()) {
                notes.add(order.get(i) + " by " + usage(refined.usage()) + (refined.rounds().isEmpty() ? ""
                        : ", " + refined.rounds().size() + " refine round" + (refined.rounds().size() == 1 ? "" : "s")));
            }
            if (i < asking.size() && refined.candidate().isEmpty()) {
                // a model generator's missing candidate is news even when others answered (the ICL generator
                // declines on a connection without examples)
                notes.add(order.get(i) + " gave no candidate: " + refined.reason());
            }
        }
        ModelUsage usage = used.calls() == 0 ? null : used;
        if (candidates.isEmpty()) {
            return Decision.<CandidatesGenerated>fail("NO_CANDIDATE", "No SQL could be written for this question: "
                    + String.join("; ", reasons) + ".").withUsage(usage);
        }
        CandidatesGenerated event = new CandidatesGenerated(linked.envelope().next(clock.instant()), linked.question(),
                linked.dialect(), linked.mschema(), linked.schemaFingerprint(), candidates, linked.options());
        long executed = candidates.stream().filter(c -> c.outcome().ok()).count();
        return Decision.forward(event, candidates.size() + " candidates, " + executed + " executed"
                + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")")).withUsage(usage);
    }

    private List<LlmGenerator> requestedModels(List<String> wanted) {
        if (wanted.isEmpty()) {
            return models;
        }
        return models.stream().filter(m -> wanted.contains(m.name())).toList();
    }

    private Refined offline(SqlGenerator generator, GenerationRequest request, Function<String, ExecutionOutcome> execute) {
        Generated generated = generate(generator, request);
        if (generated.sql().isEmpty()) {
            return new Refined(Optional.empty(), generated.reason(), List.of(), List.of());
        }
        String sql = generated.sql().get();
        return new Refined(Optional.of(new Candidate(sql, generator.name(), 0, execute.apply(sql))), null, List.of(),
                List.of());
    }

    /** Waits for one generator until the generators' time is up; one that overruns is stopped and gives no candidate. */
    private Refined await(String name, Future<Refined> future, Instant until) {
        // a little past the models' own deadline, so a candidate's last execution can finish
        long waitMs = Math.max(0, until.toEpochMilli() - clock.millis()) + timeout.toMillis();
        try {
            return future.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Refined(Optional.empty(), "timed out", List.of(), List.of());
        } catch (ExecutionException e) {
            LOG.errorf(e.getCause(), "generator %s failed", name);
            return new Refined(Optional.empty(), "failed: " + e.getCause().getMessage(), List.of(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new Refined(Optional.empty(), "interrupted", List.of(), List.of());
        }
    }

    private static String usage(List<LlmUsage> usage) {
        long in = usage.stream().mapToLong(LlmUsage::inputTokens).sum();
        long out = usage.stream().mapToLong(LlmUsage::outputTokens).sum();
        String modelNames = usage.stream().map(LlmUsage::model).distinct().collect(Collectors.joining(", "));
        return "model " + modelNames + ", " + usage.size() + " call" + (usage.size() == 1 ? "" : "s") + ", " + in
                + " tokens in, " + out + " out";
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private List<SqlGenerator> requested(List<String> wanted) {
        if (wanted.isEmpty()) {
            return generators;
        }
        return generators.stream().filter(g -> wanted.contains(g.name())).toList();
    }

    /** One generator's failure must not cost the question the other generators' candidates. */
    private static Generated generate(SqlGenerator generator, GenerationRequest request) {
        try {
            return generator.generate(request);
        } catch (RuntimeException e) {
            LOG.errorf(e, "generator %s failed", generator.name());
            return Generated.none("failed: " + e.getMessage());
        }
    }

    /** Every candidate passes the SQL guard before it runs; a refusal is an outcome like a database error. */
    private ExecutionOutcome execute(String tenantId, String connectionId, String sql, int rowLimit) {
        long started = clock.millis();
        try {
            QueryResult result = executor.execute(tenantId, connectionId, sql, new ExecutionLimits(rowLimit, timeout));
            return ExecutionOutcome.success(result.rows().size(), result.fingerprint(), result.elapsedMs());
        } catch (QueryFailedException e) {
            return ExecutionOutcome.failure(e.getMessage(), clock.millis() - started);
        }
    }

    private static String names(List<SqlGenerator> generators, List<LlmGenerator> models) {
        List<String> names = new ArrayList<>(models.stream().map(LlmGenerator::name).toList());
        names.addAll(generators.stream().map(SqlGenerator::name).toList());
        return String.join(", ", names);
    }
}
