package io.kurobe.evaluation;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.TableInfo;
import io.kurobe.generation.CandidateHub;
import io.kurobe.generation.SqlGenerator;
import io.kurobe.generation.icl.ExampleStore;
import io.kurobe.generation.icl.IclExamples;
import io.kurobe.generation.llm.ExampleSource;
import io.kurobe.generation.llm.FewShot;
import io.kurobe.generation.llm.LlmGenerator;
import io.kurobe.generation.llm.LlmGenerators;
import io.kurobe.intent.IntentAgent;
import io.kurobe.intent.IntentValidator;
import io.kurobe.linking.ColumnRetriever;
import io.kurobe.linking.LinkingPolicy;
import io.kurobe.linking.SchemaLinker;
import io.kurobe.llm.RoleModels;
import io.kurobe.model.CandidateSelected;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.Envelope;
import io.kurobe.model.IntentValidated;
import io.kurobe.model.LinkedTable;
import io.kurobe.model.ModelUsage;
import io.kurobe.model.QueryExample;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.QuestionReceived;
import io.kurobe.model.SchemaLinked;
import io.kurobe.selection.SelectionService;
import io.kurobe.selection.SelectorAgent;
import io.kurobe.stage.Decision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The four deciding stages of the pipeline, the same classes the services run, called one after another in
 * this process: intent validation, schema linking, candidate generation (each candidate executed), selection.
 * Kafka is left out; each stage's event is handed to the next directly. With models configured
 * ({@code --llm}), the intent agent, the model generators with their refiner and the selector call them as the
 * services do, and what each question's calls cost is added up.
 */
final class InProcessPipeline implements AutoCloseable {
    static final String TENANT = "eval";
    /** Generous, so a listing is not cut short of the gold's rows. */
    static final int ROW_LIMIT = 100_000;
    /** The services' default {@code kurobe.refiner.max-rounds}. */
    static final int REFINE_ROUNDS = 2;
    /** The services' defaults of {@code kurobe.generation.icl.*}. */
    static final int ICL_EXAMPLES = 4;
    static final double ICL_QUESTION_WEIGHT = 0.5;

    /** What one question came to: the chosen SQL or the stage and reason it stopped, and what linking kept. */
    record Outcome(String sql, String stoppedAt, String reason, List<LinkedTable> linked, int candidates,
                   ModelUsage usage) {
        boolean answered() {
            return sql != null;
        }
    }

    private final ConnectorPool pool;
    /** A question's budget when models are called: generous, so a slow model is not what the figure measures. */
    static final Duration QUESTION_DEADLINE = Duration.ofMinutes(3);

    private final IntentAgent intent;
    private final SchemaLinker linker;
    private final CandidateHub hub;
    private final SelectionService selection;
    private final List<String> generatorNames;
    private final Clock clock;
    private final ExampleStore examples;
    private final Map<String, QueryExample> given = new HashMap<>();

    /** @param models the models by role; without any, every stage runs its offline path */
    /**
     * @param examples questions with gold SQL that an ICL generator may show, as the examples of their database;
     *                 a question is never shown its own example (leave-one-out)
     */
    InProcessPipeline(Psql psql, List<String> dbIds, List<SqlGenerator> generators, RoleModels models,
                      List<BenchQuestion> examples, Duration timeout) {
        Map<String, ConnectionSpec> specs = new TreeMap<>();
        for (String id : dbIds) {
            specs.put(id, new ConnectionSpec(id, Engine.POSTGRES, psql.jdbcUrl(id), psql.user(), ""));
        }
        this.clock = Clock.systemUTC();
        this.pool = new ConnectorPool(specs);
        this.intent = new IntentAgent(new IntentValidator(2000, clock), models, 2000, clock);
        // the schema-filter role chooses columns when configured; embeddings are kept in memory for the run
        this.linker = new SchemaLinker(pool, Duration.ofHours(12), clock,
                new LinkingPolicy(LinkingPolicy.Limits.DEFAULTS, new ColumnRetriever()), models);
        ExampleSource shots = request -> FewShot.declined("no examples were given to the evaluation (--examples)");
        if (!examples.isEmpty()) {
            this.examples = new ExampleStore();
            for (BenchQuestion q : examples) {
                if (!q.goldSql().isBlank()) {
                    QueryExample example = example(q);
                    given.put(example.key(), example);
                    this.examples.put(example);
                }
            }
            shots = new IclExamples(this.examples, ICL_EXAMPLES, ICL_QUESTION_WEIGHT);
        } else {
            this.examples = null;
        }
        List<LlmGenerator> modelGenerators = new LlmGenerators(models, Map.of(), shots).all();
        this.hub = new CandidateHub(generators, modelGenerators, REFINE_ROUNDS, pool, timeout, QUESTION_DEADLINE,
                clock);
        this.generatorNames = Stream.concat(generators.stream().map(SqlGenerator::name),
                modelGenerators.stream().map(LlmGenerator::name)).toList();
        this.selection = new SelectionService(pool, generatorNames, new ExecutionLimits(ROW_LIMIT, timeout),
                new SelectorAgent(models), clock);
    }

    /** The offline generators and then the model generators, as selection ranks them. */
    List<String> generatorNames() {
        return generatorNames;
    }

    /** A benchmark question as an example of its database: the first alternative of its gold SQL. */
    private static QueryExample example(BenchQuestion q) {
        return new QueryExample(q.id(), TENANT, q.dbId(), q.question(), ExecutionScorer.expand(q.goldSql()).get(0),
                QueryExample.BULK, null, Instant.EPOCH);
    }

    /** Asks a question; when it is itself among the examples, it is asked without its own. */
    Outcome ask(String questionId, String dbId, String question) {
        String own = QueryExample.key(TENANT, dbId, questionId);
        QueryExample held = given.get(own);
        if (held == null || !examples.has(own)) {
            return askOnce(questionId, dbId, question);
        }
        examples.remove(own);
        try {
            return askOnce(questionId, dbId, question);
        } finally {
            examples.put(held);
        }
    }

    private Outcome askOnce(String questionId, String dbId, String question) {
        Envelope envelope = new Envelope(questionId, TENANT, null, dbId, null, clock.instant(),
                clock.instant().plus(QUESTION_DEADLINE), 1);
        QuestionReceived received = new QuestionReceived(envelope, question, List.of(), "eval",
                new QuestionOptions(ROW_LIMIT, List.of()));
        Decision<IntentValidated> validated = intent.decide(received, message -> { });
        ModelUsage usage = ModelUsage.NONE.plus(validated.usage());
        if (!(validated instanceof Decision.Forward<IntentValidated> v)) {
            return stopped("intent", validated, List.of(), 0, usage);
        }
        Decision<SchemaLinked> linked = linker.link(v.event());
        usage = usage.plus(linked.usage());
        if (!(linked instanceof Decision.Forward<SchemaLinked> l)) {
            return stopped("schema", linked, List.of(), 0, usage);
        }
        List<LinkedTable> tables = l.event().tables();
        Decision<CandidatesGenerated> generated = hub.generate(l.event());
        usage = usage.plus(generated.usage());
        if (!(generated instanceof Decision.Forward<CandidatesGenerated> g)) {
            return stopped("candidate", generated, tables, 0, usage);
        }
        int candidates = g.event().candidates().size();
        Decision<CandidateSelected> selected = selection.select(g.event());
        usage = usage.plus(selected.usage());
        if (!(selected instanceof Decision.Forward<CandidateSelected> s)) {
            // nothing executed: the first candidate is still the engine's answer
            return new Outcome(g.event().candidates().get(0).sql(), "selection", reason(selected), tables, candidates,
                    usage);
        }
        return new Outcome(s.event().chosen().sql(), null, null, tables, candidates, usage);
    }

    private static Outcome stopped(String stage, Decision<?> decision, List<LinkedTable> linked, int candidates,
                                   ModelUsage usage) {
        return new Outcome(null, stage, reason(decision), linked, candidates, usage);
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
