package io.kurobe.generation.refine;

import io.kurobe.generation.GenerationRequest;
import io.kurobe.generation.llm.LlmGenerator;
import io.kurobe.generation.llm.ModelSql;
import io.kurobe.llm.Fallback;
import io.kurobe.llm.LlmUsage;
import io.kurobe.model.Candidate;
import io.kurobe.model.ExecutionOutcome;
import io.kurobe.model.RefineRound;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The SQL Refiner: a model generator's candidate that raised an error, was refused by the guard or returned no
 * rows goes back to the same generator with that notice, for at most {@code maxRounds} rounds and never past the
 * deadline. The candidate keeps the last SQL that ran without error (else the last one written) and records each
 * round (the SQL sent back and the notice); each round is also told to the asker.
 */
public final class Refiner {
    static final String EMPTY = "The query ran but returned no rows. If the question expects rows, check the "
            + "filters, the join conditions and the values against the schema's examples.";

    private final int maxRounds;
    private final Clock clock;

    public Refiner(int maxRounds, Clock clock) {
        this.maxRounds = Math.max(0, maxRounds);
        this.clock = clock;
    }

    public Refined run(LlmGenerator generator, GenerationRequest request, Instant deadline,
                       Function<String, ExecutionOutcome> execute, Consumer<Fallback> onFallback,
                       Consumer<String> progress) {
        List<LlmUsage> usage = new ArrayList<>();
        List<RefineRound> rounds = new ArrayList<>();
        ModelSql first = generator.write(request, deadline, onFallback);
        add(usage, first);
        if (first.sql().isEmpty()) {
            return new Refined(Optional.empty(), first.reason(), rounds, usage);
        }
        String sql = first.sql().get();
        ExecutionOutcome outcome = execute.apply(sql);
        Candidate kept = new Candidate(sql, generator.name(), 0, outcome);
        while (rounds.size() < maxRounds && notice(outcome) != null && clock.instant().isBefore(deadline)) {
            String notice = notice(outcome);
            rounds.add(new RefineRound(sql, notice));
            progress.accept(generator.name() + ": refine round " + rounds.size() + " of " + maxRounds + " after: "
                    + shorten(notice));
            ModelSql next = generator.rewrite(request, sql, notice, deadline, onFallback);
            add(usage, next);
            if (next.sql().isEmpty()) {
                progress.accept(generator.name() + ": refine round " + rounds.size() + " gave no SQL (" + next.reason()
                        + "), keeping the previous candidate");
                kept = new Candidate(kept.sql(), generator.name(), rounds.size(), kept.outcome(), rounds);
                break;
            }
            sql = next.sql().get();
            outcome = execute.apply(sql);
            if (outcome.ok() || !kept.outcome().ok()) {
                kept = new Candidate(sql, generator.name(), rounds.size(), outcome, rounds);
            } else {
                kept = new Candidate(kept.sql(), generator.name(), rounds.size(), kept.outcome(), rounds);
            }
        }
        return new Refined(Optional.of(kept), null, rounds, usage);
    }

    /** What to tell the model about its SQL, or null when the SQL answered. */
    static String notice(ExecutionOutcome outcome) {
        if (!outcome.ok()) {
            return "The query failed: " + outcome.error();
        }
        return outcome.rowCount() == 0 ? EMPTY : null;
    }

    private static void add(List<LlmUsage> usage, ModelSql answer) {
        if (answer.usage() != null) {
            usage.add(answer.usage());
        }
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}
