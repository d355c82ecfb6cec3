package io.kurobe.selection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultSelectorTest {
    private final ResultSelector selector = new ResultSelector(List.of("a", "b", "c", "d"));

    private static Attempt ok(String system, String sql, List<String> columns, List<List<Object>> rows) {
        return Attempt.returned(system, sql, columns, rows, sql.toUpperCase().contains("ORDER BY"));
    }

    private static List<List<Object>> one(Object value) {
        return List.of(List.of(value));
    }

    @Test
    void agreementWinsWithHighConfidence() {
        Choice c = selector.choose("How many orders are there?", List.of(
                ok("a", "SELECT count(*) FROM orders", List.of("n"), one(3L)),
                ok("b", "SELECT count(id) FROM orders", List.of("n"), one(3.0)),
                ok("c", "SELECT count(*) FROM orders", List.of("n"), one(3L))));
        assertEquals(0, c.index());
        assertFalse(c.lowConfidence(), c.reason());
        assertTrue(c.confidence() > 0.9, c.reason());
        assertTrue(c.reason().startsWith("chose a: 3 of 3 candidates returned this result"), c.reason());
    }

    @Test
    void largerGroupBeatsTheTrustedAuthorAlone() {
        Choice c = selector.choose("Which customers ordered?", List.of(
                ok("a", "SELECT name FROM c", List.of("name"), List.of(List.of("Ada"))),
                ok("b", "SELECT name FROM c JOIN o", List.of("name"), List.of(List.of("Bo"))),
                ok("c", "SELECT name FROM c JOIN o", List.of("name"), List.of(List.of("Bo")))));
        assertEquals(1, c.index());
    }

    @Test
    void splitVoteIsLowConfidenceAndGoesToThePrior() {
        Choice c = selector.choose("Which customers ordered?", List.of(
                ok("b", "SELECT name FROM c", List.of("name"), List.of(List.of("Ada"))),
                ok("a", "SELECT name FROM c JOIN o", List.of("name"), List.of(List.of("Bo")))));
        assertEquals(1, c.index(), "the prior ranks a before b");
        assertTrue(c.lowConfidence(), c.reason());
        assertTrue(c.reason().contains("low confidence"), c.reason());
    }

    @Test
    void allFailingIsLowConfidenceWithTheError() {
        Choice c = selector.choose("How many?", List.of(Attempt.failed("a", "SELEC 1", "syntax error"),
                Attempt.failed("b", "SELECT x", "no such column: x")));
        assertTrue(c.lowConfidence());
        assertEquals(0.0, c.confidence());
        assertTrue(c.reason().contains("syntax error"), c.reason());
    }

    @Test
    void anErroringCandidateEarnsNothing() {
        Choice c = selector.choose("List the names.", List.of(Attempt.failed("a", "SELECT nme FROM c",
                        "no such column: nme"),
                ok("b", "SELECT name FROM c", List.of("name"), List.of(List.of("Ada"), List.of("Bo")))));
        assertEquals(1, c.index());
        assertTrue(c.reason().contains("1 failed or were refused"), c.reason());
    }

    @Test
    void aCountQuestionPrefersOneNumberOverAList() {
        Choice c = selector.choose("How many singers are there?", List.of(
                ok("a", "SELECT name FROM singer", List.of("name"), List.of(List.of("x"), List.of("y"))),
                ok("b", "SELECT count(*) FROM singer", List.of("count(*)"), one(2L))));
        assertEquals(1, c.index(), c.reason());
    }

    @Test
    void anOrderWithoutDirectionPrefersAscendingOverTwoDescendingVotes() {
        List<List<Object>> ascending = List.of(List.of("CD"), List.of("LP"));
        List<List<Object>> descending = List.of(List.of("LP"), List.of("CD"));
        Choice c = selector.choose("What are the formats, sorted by their frequency?", List.of(
                ok("a", "SELECT f FROM o GROUP BY f ORDER BY count(*) DESC", List.of("f"), descending),
                ok("b", "SELECT f FROM o GROUP BY f ORDER BY count(*) DESC", List.of("f"), descending),
                ok("c", "SELECT f FROM o GROUP BY f ORDER BY count(*)", List.of("f"), ascending)));
        assertEquals(2, c.index(), c.reason());
    }

    @Test
    void emptyResultsLoseToRows() {
        Choice c = selector.choose("Which cities?", List.of(
                ok("a", "SELECT city FROM t WHERE x = 'y'", List.of("city"), List.of()),
                ok("b", "SELECT city FROM t", List.of("city"), List.of(List.of("Oslo")))));
        assertEquals(1, c.index(), c.reason());
    }

    @Test
    void permutedColumnsJoinTheAnswerAndTheQuestionPicksTheOrder() {
        List<List<Object>> countFirst = List.of(List.of(2L, "Oslo"), List.of(1L, "Rome"));
        List<List<Object>> cityFirst = List.of(List.of("Oslo", 2L), List.of("Rome", 1L));
        Choice c = selector.choose("What is the number of employees in each city?", List.of(
                ok("a", "SELECT city, count(*) FROM e GROUP BY city", List.of("city", "count(*)"), cityFirst),
                ok("b", "SELECT count(*), city FROM e GROUP BY city", List.of("count(*)", "city"), countFirst)));
        assertEquals(1, c.index(), c.reason());
        assertFalse(c.lowConfidence(), "both tell the same answer: " + c.reason());
    }

    @Test
    void topNAsksForNRows() {
        Choice c = selector.choose("Show the top 2 products by price.", List.of(
                ok("a", "SELECT name FROM p ORDER BY price DESC", List.of("name"),
                        List.of(List.of("x"), List.of("y"), List.of("z"))),
                ok("b", "SELECT name FROM p ORDER BY price DESC LIMIT 2", List.of("name"),
                        List.of(List.of("x"), List.of("y")))));
        assertEquals(1, c.index(), c.reason());
    }

    @Test
    void authorsOutsideThePriorRankAfterIt() {
        Choice c = selector.choose("Which?", List.of(
                ok("zeta", "SELECT 1", List.of("x"), one(1L)),
                ok("c", "SELECT 2", List.of("x"), one(2L))));
        assertEquals(1, c.index());
    }
}
