package io.kurobe.evaluation;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.TableInfo;
import io.kurobe.generation.CandidateHub;
import io.kurobe.generation.SqlGenerator;
import io.kurobe.intent.IntentValidator;
import io.kurobe.linking.SchemaLinker;
import io.kurobe.model.CandidateSelected;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.Envelope;
import io.kurobe.model.IntentValidated;
import io.kurobe.model.LinkedTable;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.QuestionReceived;
import io.kurobe.model.SchemaLinked;
import io.kurobe.selection.SelectionService;
import io.kurobe.stage.Decision;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The four deciding stages of the pipeline, the same classes the services run, called one after another in
 * this process: intent validation, schema linking, candidate generation (each candidate executed), selection.
 * Kafka is left out; each stage's event is handed to the next directly.
 */
final class InProcessPipeline implements AutoCloseable {
    static final String TENANT = "eval";
    /** Generous, so a listing is not cut short of the gold's rows. */
    static final int ROW_LIMIT = 100_000;

    /** What one question came to: the chosen SQL or the stage and reason it stopped, and what linking kept. */
    record Outcome(String sql, String stoppedAt, String reason, List<LinkedTable> linked, int candidates) {
        boolean answered() {
            return sql != null;
        }
    }

    private final ConnectorPool pool;
    private final IntentValidator intent;
    private final SchemaLinker linker;
    private final CandidateHub hub;
    private final SelectionService selection;

    InProcessPipeline(Psql psql, List<String> dbIds, List<SqlGenerator> generators, Duration timeout) {
        Map<String, ConnectionSpec> specs = new TreeMap<>();
        for (String id : dbIds) {
            specs.put(id, new ConnectionSpec(id, Engine.POSTGRES, psql.jdbcUrl(id), psql.user(), ""));
        }
        Clock clock = Clock.systemUTC();
        this.pool = new ConnectorPool(specs);
        this.intent = new IntentValidator(2000, clock);
        this.linker = new SchemaLinker(pool, Duration.ofHours(12), clock);
        this.hub = new CandidateHub(generators, pool, timeout, clock);
        this.selection = new SelectionService(pool, generators.stream().map(SqlGenerator::name).toList(),
                new ExecutionLimits(ROW_LIMIT, timeout), clock);
    }

    Outcome ask(String questionId, String dbId, String question) {
        Envelope envelope = new Envelope(questionId, TENANT, null, dbId, null, null, null, 1);
        QuestionReceived received = new QuestionReceived(envelope, question, List.of(), "eval",
                new QuestionOptions(ROW_LIMIT, List.of()));
        Decision<IntentValidated> validated = intent.validate(received);
        if (!(validated instanceof Decision.Forward<IntentValidated> v)) {
            return stopped("intent", validated, List.of(), 0);
        }
        Decision<SchemaLinked> linked = linker.link(v.event());
        if (!(linked instanceof Decision.Forward<SchemaLinked> l)) {
            return stopped("schema", linked, List.of(), 0);
        }
        List<LinkedTable> tables = l.event().tables();
        Decision<CandidatesGenerated> generated = hub.generate(l.event());
        if (!(generated instanceof Decision.Forward<CandidatesGenerated> g)) {
            return stopped("candidate", generated, tables, 0);
        }
        int candidates = g.event().candidates().size();
        Decision<CandidateSelected> selected = selection.select(g.event());
        if (!(selected instanceof Decision.Forward<CandidateSelected> s)) {
            // nothing executed: the first candidate is still the engine's answer
            return new Outcome(g.event().candidates().get(0).sql(), "selection", reason(selected), tables, candidates);
        }
        return new Outcome(s.event().chosen().sql(), null, null, tables, candidates);
    }

    private static Outcome stopped(String stage, Decision<?> decision, List<LinkedTable> linked, int candidates) {
        return new Outcome(null, stage, reason(decision), linked, candidates);
    }

    private static String reason(Decision<?> decision) {
        if (decision instanceof Decision.Fail<?> f) {
            return f.failure().code() + ": " + f.failure().message();
        }
        if (decision instanceof Decision.Clarify<?> c) {
            return "clarification: " + c.clarification();
        }
        return "";
    }

    /** Every table of the database (names lower-cased) with its columns, for the linking figures. */
    Map<String, List<String>> columns(String dbId) {
        Map<String, List<String>> out = new TreeMap<>();
        for (TableInfo table : pool.connector(TENANT, dbId).introspect().tables()) {
            out.put(table.name().toLowerCase(Locale.ROOT), table.columns().stream()
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
        return out;
    }

    @Override
    public void close() {
        pool.close();
    }
}
