package io.kurobe.selection;

import io.kurobe.data.ConnectorPool;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.GuardedExecutor;
import io.kurobe.data.QueryFailedException;
import io.kurobe.llm.RoleModels;
import io.kurobe.model.Candidate;
import io.kurobe.model.CandidateSelected;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.ModelUsage;
import io.kurobe.model.SelectionMethod;
import io.kurobe.stage.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Executes every candidate of a question on its connection, each through the SQL guard for the connection's
 * schema, and lets the {@link ResultSelector} choose among the results. How it was chosen: the only candidate
 * that ran, all candidates returning one result, more than half of them, or else the selector's rules. When the
 * rules leave the candidates split and a {@code selector} model is configured, the {@link SelectorAgent} picks
 * among the distinct results instead.
 */
@ApplicationScoped
public class SelectionService {
    private final ConnectorPool pool;
    private final GuardedExecutor executor;
    private final CandidateRunner runner;
    private final ExecutionLimits limits;
    private final List<String> prior;
    private final SelectorAgent agent;
    private final Clock clock;

    @Inject
    public SelectionService(ConnectorPool pool, SelectionConfig config, RoleModels models) {
        this(pool, config.prior().orElse(List.of()), new ExecutionLimits(config.rowCap(), config.timeout()),
                new SelectorAgent(models), Clock.systemUTC());
    }

    /** @param prior generators from most to least trusted; empty ranks them in the order their candidates arrive */
    public SelectionService(ConnectorPool pool, List<String> prior, ExecutionLimits limits, Clock clock) {
        this(pool, prior, limits, new SelectorAgent(null), clock);
    }

    public SelectionService(ConnectorPool pool, List<String> prior, ExecutionLimits limits, SelectorAgent agent,
                            Clock clock) {
        this.agent = agent;
        this.pool = pool;
        this.executor = new GuardedExecutor(pool);
        this.runner = new CandidateRunner(limits);
        this.limits = limits;
        this.prior = List.copyOf(prior);
        this.clock = clock;
    }

    public Decision<CandidateSelected> select(CandidatesGenerated generated) {
        return select(generated, note -> { });
    }

    /** {@code progress} hears the selector model's fallbacks and refusals as they happen. */
    public Decision<CandidateSelected> select(CandidatesGenerated generated, Consumer<String> progress) {
        List<Candidate> candidates = generated.candidates();
        if (candidates.isEmpty()) {
            return Decision.fail("NO_EXECUTABLE_CANDIDATE", "No candidate SQL was generated for this question.");
        }
        String tenantId = generated.envelope().tenantId();
        String connectionId = generated.envelope().connectionId();
        if (!pool.has(tenantId, connectionId)) {
            return Decision.fail("UNKNOWN_CONNECTION", pool.unknownMessage(connectionId));
        }
        List<Attempt> attempts;
        try {
            attempts = runner.run(pool.connector(tenantId, connectionId),
                    executor.policy(tenantId, connectionId, limits), candidates.stream()
                    .map(c -> new CandidateRunner.Proposal(c.generator(), c.sql())).toList());
        } catch (QueryFailedException e) {
            return Decision.fail("EXECUTION_FAILED", "The connection's schema could not be read: " + e.getMessage());
        }
        if (attempts.stream().noneMatch(Attempt::ok)) {
            return Decision.fail("NO_EXECUTABLE_CANDIDATE", "None of the " + candidates.size()
                    + " candidate queries executed: " + attempts.stream()
                    .map(a -> a.system() + ": " + a.error()).collect(Collectors.joining("; ")));
        }
        List<String> order = prior.isEmpty()
                ? candidates.stream().map(Candidate::generator).distinct().toList() : prior;
        Choice choice = new ResultSelector(order).choose(generated.question(), attempts);
        SelectorAgent.Consultation consulted = choice.lowConfidence()
                ? agent.choose(generated.question(), generated.dialect(), generated.mschema(), attempts,
                        generated.envelope().deadline(), progress)
                : SelectorAgent.Consultation.NONE;
        Optional<SelectorAgent.Verdict> verdict = consulted.verdict();
        if (verdict.isPresent()) {
            choice = byModel(verdict.get(), attempts, choice);
        }
        int agreeing = agreeing(attempts, choice.index());
        int executed = (int) attempts.stream().filter(Attempt::ok).count();
        SelectionMethod method = verdict.isPresent() ? SelectionMethod.SELECTOR_MODEL
                : method(executed, agreeing, candidates.size());
        double share = (double) agreeing / candidates.size();
        Candidate chosen = candidates.get(choice.index());
        List<Candidate> runnersUp = new ArrayList<>(candidates);
        runnersUp.remove(choice.index());
        CandidateSelected selected = new CandidateSelected(generated.envelope().next(clock.instant()),
                generated.question(), generated.dialect(), generated.schemaFingerprint(), chosen, method,
                share, choice.confidence(), choice.reason(), runnersUp, generated.options());
        // a selector answer that named no candidate changed nothing but still cost its tokens
        ModelUsage usage = consulted.usage().map(u -> ModelUsage.call(u.role(), u.inputTokens(), u.outputTokens()))
                .orElse(null);
        return Decision.forward(selected, String.format(Locale.ROOT,
                "chose the %s candidate (%s, vote share %.2f, confidence %.2f%s)", chosen.generator(), method, share,
                choice.confidence(), choice.lowConfidence() ? ", low" : "")).withUsage(usage);
    }

    /**
     * The model's pick: its confidence lifts the vote share of the picked result halfway to certainty, and the
     * reason keeps what the rules saw.
     */
    private static Choice byModel(SelectorAgent.Verdict verdict, List<Attempt> attempts, Choice rules) {
        double share = (double) agreeing(attempts, verdict.index()) / attempts.size();
        return new Choice(verdict.index(), (1 + share) / 2, "selector model " + verdict.usage().model()
                + " chose candidate " + verdict.label() + " (" + attempts.get(verdict.index()).system() + ") among the "
                + "distinct results (" + verdict.usage().summary() + "); the rules alone: " + rules.reason(), false);
    }

    /** How many candidates, the chosen one included, returned the chosen result. */
    private static int agreeing(List<Attempt> attempts, int chosen) {
        Attempt winner = attempts.get(chosen);
        List<List<Object>> winnerRows = ResultValues.normalize(winner.rows());
        int agreeing = 0;
        for (Attempt attempt : attempts) {
            if (attempt == winner || attempt.ok() && ResultSelector.agreement(winner, winnerRows, attempt,
                    ResultValues.normalize(attempt.rows())) >= ResultSelector.EXACT) {
                agreeing++;
            }
        }
        return agreeing;
    }

    private static SelectionMethod method(int executed, int agreeing, int total) {
        if (executed == 1) {
            return SelectionMethod.ONLY_CANDIDATE;
        }
        if (agreeing == total) {
            return SelectionMethod.UNANIMOUS;
        }
        return 2 * agreeing > total ? SelectionMethod.MAJORITY : SelectionMethod.RULES;
    }
}
