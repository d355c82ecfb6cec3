package io.kurobe.selection;

import io.kurobe.model.Candidate;
import io.kurobe.model.CandidateSelected;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.SelectionMethod;
import io.kurobe.stage.Decision;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Self-consistency without a selector model: candidates that executed are grouped by the
 * fingerprint of their result, the largest group wins (ties go to the earlier generator), and
 * its first candidate is chosen. Vote share and confidence are the group's share of all candidates.
 */
@Singleton
public class CandidateSelector {
    private final Clock clock;

    public CandidateSelector() {
        this(Clock.systemUTC());
    }

    public CandidateSelector(Clock clock) {
        this.clock = clock;
    }

    public Decision<CandidateSelected> select(CandidatesGenerated generated) {
        List<Candidate> candidates = generated.candidates();
        List<Candidate> executed = candidates.stream().filter(CandidateSelector::executed).toList();
        if (executed.isEmpty()) {
            return Decision.fail("NO_EXECUTABLE_CANDIDATE", noneExecuted(candidates));
        }
        List<Candidate> winners = largestGroup(executed);
        Candidate chosen = winners.get(0);
        double share = (double) winners.size() / candidates.size();
        SelectionMethod method = method(executed, winners, candidates);
        List<Candidate> runnersUp = new ArrayList<>(candidates);
        runnersUp.remove(chosen);
        String reasoning = reasoning(winners.size(), executed.size(), candidates.size());
        CandidateSelected selected = new CandidateSelected(generated.envelope().next(clock.instant()),
                generated.question(), generated.dialect(), generated.schemaFingerprint(), chosen, method,
                share, share, reasoning, runnersUp, generated.options());
        return Decision.forward(selected, String.format(Locale.ROOT, "chose the %s candidate (%s, vote share %.2f)",
                chosen.generator(), method, share));
    }

    private static boolean executed(Candidate candidate) {
        return candidate.outcome() != null && candidate.outcome().ok();
    }

    /** Groups in generator order, so the first largest group is the earliest generator's. */
    private static List<Candidate> largestGroup(List<Candidate> executed) {
        Map<String, List<Candidate>> groups = new LinkedHashMap<>();
        for (Candidate candidate : executed) {
            String fingerprint = candidate.outcome().resultFingerprint();
            String key = fingerprint == null ? "sql:" + candidate.sql() : fingerprint;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(candidate);
        }
        List<Candidate> best = List.of();
        for (List<Candidate> group : groups.values()) {
            if (group.size() > best.size()) {
                best = group;
            }
        }
        return best;
    }

    private static SelectionMethod method(List<Candidate> executed, List<Candidate> winners, List<Candidate> all) {
        if (executed.size() == 1) {
            return SelectionMethod.ONLY_CANDIDATE;
        }
        return winners.size() == all.size() ? SelectionMethod.UNANIMOUS : SelectionMethod.MAJORITY;
    }

    private static String reasoning(int agreeing, int executed, int total) {
        String text = agreeing + " of " + total + " candidates returned the same result";
        return executed < total ? text + "; " + (total - executed) + " did not execute" : text;
    }

    private static String noneExecuted(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return "No candidate SQL was generated for this question.";
        }
        return "None of the " + candidates.size() + " candidate queries executed: " + candidates.stream()
                .map(c -> c.generator() + ": " + (c.outcome() == null ? "not executed" : c.outcome().error()))
                .collect(Collectors.joining("; "));
    }
}
