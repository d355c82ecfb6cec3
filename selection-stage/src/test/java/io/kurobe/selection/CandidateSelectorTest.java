package io.kurobe.selection;

import io.kurobe.model.Candidate;
import io.kurobe.model.CandidateSelected;
import io.kurobe.model.CandidatesGenerated;
import io.kurobe.model.Envelope;
import io.kurobe.model.ExecutionOutcome;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.SelectionMethod;
import io.kurobe.stage.Decision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidateSelectorTest {
    private final CandidateSelector selector = new CandidateSelector();

    @Test
    void singleExecutingCandidateIsTheOnlyCandidate() {
        Candidate only = ok("SELECT count(*) FROM orders", "simple", "fp-a");
        CandidateSelected selected = forward(only);
        assertEquals(only, selected.chosen());
        assertEquals(SelectionMethod.ONLY_CANDIDATE, selected.method());
        assertEquals(1.0, selected.voteShare());
        assertEquals(1.0, selected.confidence());
        assertEquals(List.of(), selected.runnersUp());
    }

    @Test
    void agreementIsUnanimous() {
        Candidate first = ok("SELECT count(*) FROM orders", "simple", "fp-a");
        Candidate second = ok("SELECT count(order_id) FROM orders", "icl", "fp-a");
        CandidateSelected selected = forward(first, second);
        assertEquals(first, selected.chosen());
        assertEquals(SelectionMethod.UNANIMOUS, selected.method());
        assertEquals(1.0, selected.voteShare());
        assertEquals(List.of(second), selected.runnersUp());
    }

    @Test
    void largestGroupWinsASplitVote() {
        Candidate lone = ok("SELECT 1", "simple", "fp-a");
        Candidate agreeing1 = ok("SELECT 2", "icl", "fp-b");
        Candidate agreeing2 = ok("SELECT 2 AS n", "fine-tuned", "fp-b");
        CandidateSelected selected = forward(lone, agreeing1, agreeing2);
        assertEquals(agreeing1, selected.chosen());
        assertEquals(SelectionMethod.MAJORITY, selected.method());
        assertEquals(2.0 / 3, selected.voteShare(), 1e-9);
        assertEquals(2.0 / 3, selected.confidence(), 1e-9);
        assertEquals(List.of(lone, agreeing2), selected.runnersUp());
        assertTrue(selected.reasoning().startsWith("2 of 3"), selected.reasoning());
    }

    @Test
    void tieGoesToTheEarlierGenerator() {
        Candidate first = ok("SELECT 1", "simple", "fp-a");
        Candidate second = ok("SELECT 2", "icl", "fp-b");
        CandidateSelected selected = forward(first, second);
        assertEquals(first, selected.chosen());
        assertEquals(SelectionMethod.MAJORITY, selected.method());
        assertEquals(0.5, selected.voteShare());
    }

    @Test
    void erroringCandidateIsSkippedAndLowersTheShare() {
        Candidate broken = failed("SELECT amount FROM orders", "icl", "Binder Error: column amount not found");
        Candidate working = ok("SELECT total_amount FROM orders", "simple", "fp-a");
        CandidateSelected selected = forward(broken, working);
        assertEquals(working, selected.chosen());
        assertEquals(SelectionMethod.ONLY_CANDIDATE, selected.method());
        assertEquals(0.5, selected.voteShare());
        assertEquals(List.of(broken), selected.runnersUp());
        assertTrue(selected.reasoning().contains("1 did not execute"), selected.reasoning());
    }

    @Test
    void allFailingIsNoExecutableCandidateWithTheErrors() {
        Decision<CandidateSelected> decision = selector.select(generated(
                failed("SELECT x FROM orders", "simple", "column x not found"),
                failed("SELECT * FROM order", "icl", "syntax error near order")));
        Decision.Fail<?> fail = assertInstanceOf(Decision.Fail.class, decision);
        assertEquals("NO_EXECUTABLE_CANDIDATE", fail.failure().code());
        assertTrue(fail.failure().message().contains("simple: column x not found"), fail.failure().message());
        assertTrue(fail.failure().message().contains("icl: syntax error near order"), fail.failure().message());
    }

    @Test
    void noCandidatesAtAllFails() {
        Decision.Fail<?> fail = assertInstanceOf(Decision.Fail.class, selector.select(generated()));
        assertEquals("NO_EXECUTABLE_CANDIDATE", fail.failure().code());
    }

    @Test
    void carriesTheQuestionAndOptionsOn() {
        CandidateSelected selected = forward(ok("SELECT 1", "simple", "fp"));
        assertEquals("How many orders?", selected.question());
        assertEquals("duckdb", selected.dialect());
        assertEquals("schema-fp", selected.schemaFingerprint());
        assertEquals(25, selected.options().rowLimit());
        assertEquals("q-7", selected.questionId());
    }

    private CandidateSelected forward(Candidate... candidates) {
        Decision<CandidateSelected> decision = selector.select(generated(candidates));
        assertInstanceOf(Decision.Forward.class, decision);
        return ((Decision.Forward<CandidateSelected>) decision).event();
    }

    private static CandidatesGenerated generated(Candidate... candidates) {
        return new CandidatesGenerated(new Envelope("q-7", "t", null, "demo", null, null, null, 1),
                "How many orders?", "duckdb", "【DB_ID】 demo", "schema-fp", List.of(candidates),
                new QuestionOptions(25, List.of()));
    }

    private static Candidate ok(String sql, String generator, String fingerprint) {
        return new Candidate(sql, generator, 0, ExecutionOutcome.success(1, fingerprint, 3));
    }

    private static Candidate failed(String sql, String generator, String error) {
        return new Candidate(sql, generator, 0, ExecutionOutcome.failure(error, 2));
    }
}
