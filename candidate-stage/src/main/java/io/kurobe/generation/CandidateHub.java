package io.kurobe.generation;

import io.kurobe.data.ConnectorPool;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.GuardedExecutor;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.QueryResult;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.ExecutionOutcome;
import io.kurobe.model.SchemaLinked;
import io.kurobe.stage.Decision;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Candidate Generation Hub: runs the enabled generators on the linked schema and executes each
 * candidate with the asker's row limit and a timeout, so selection can compare results.
 */
@Singleton
public class CandidateHub {
    private static final Logger LOG = Logger.getLogger(CandidateHub.class);

    private final List<SqlGenerator> generators;
    private final ConnectorPool pool;
    private final GuardedExecutor executor;
    private final Duration timeout;
    private final Clock clock;

    @Inject
    public CandidateHub(@Any Instance<SqlGenerator> available, GenerationConfig generation, CandidateConfig candidate,
                        ConnectorPool pool) {
        this(enabled(available.stream().toList(), generation.enabled()), pool, candidate.timeout(), Clock.systemUTC());
    }

    public CandidateHub(List<SqlGenerator> generators, ConnectorPool pool, Duration timeout, Clock clock) {
        this.generators = List.copyOf(generators);
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
        String connectionId = linked.envelope().connectionId();
        String tenantId = linked.envelope().tenantId();
        if (!pool.has(tenantId, connectionId)) {
            return Decision.fail("UNKNOWN_CONNECTION", pool.unknownMessage(connectionId));
        }
        List<SqlGenerator> running = requested(linked.options().generators());
        if (running.isEmpty()) {
            return Decision.fail("NO_CANDIDATE", "None of the requested generators (" + String.join(", ",
                    linked.options().generators()) + ") is enabled; enabled: " + names(generators) + ".");
        }
        SchemaSnapshot schema = MSchemaReader.read(linked.mschema(), pool.engine(tenantId, connectionId),
                linked.schemaFingerprint());
        GenerationRequest request = new GenerationRequest(linked.question(), linked.dialect(), linked.mschema(),
                schema, linked.values(), linked.options().rowLimit());
        List<Candidate> candidates = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (SqlGenerator generator : running) {
            Generated generated = generate(generator, request);
            if (generated.sql().isPresent()) {
                String sql = generated.sql().get();
                candidates.add(new Candidate(sql, generator.name(), 0, execute(tenantId, connectionId, sql, request.rowLimit())));
            } else {
                reasons.add(generator.name() + ": " + generated.reason());
            }
        }
        if (candidates.isEmpty()) {
            return Decision.fail("NO_CANDIDATE", "No SQL could be written for this question: "
                    + String.join("; ", reasons) + ".");
        }
        CandidatesGenerated event = new CandidatesGenerated(linked.envelope().next(clock.instant()), linked.question(),
                linked.dialect(), linked.mschema(), linked.schemaFingerprint(), candidates, linked.options());
        long executed = candidates.stream().filter(c -> c.outcome().ok()).count();
        return Decision.forward(event, candidates.size() + " candidates, " + executed + " executed");
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

    private static String names(List<SqlGenerator> generators) {
        return generators.stream().map(SqlGenerator::name).collect(Collectors.joining(", "));
    }
}
