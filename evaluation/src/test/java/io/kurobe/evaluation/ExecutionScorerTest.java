package io.kurobe.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The port of score.py's comparison rules, on hand-written results. */
class ExecutionScorerTest {
    private static Psql.Result result(List<String> header, List<List<String>> rows) {
        return new Psql.Result(header, rows);
    }

    @Test
    void expandsAlternativesAndColumnGroups() {
        assertEquals(List.of("SELECT a.name FROM a", "SELECT a.aid FROM a", "SELECT a.name, a.aid FROM a",
                        "SELECT 1"),
                ExecutionScorer.expand("SELECT {a.name, a.aid} FROM a;SELECT 1;"));
        // an empty group repeats the first group's choice
        assertEquals(List.of("SELECT x, 1 FROM t GROUP BY x", "SELECT y, 1 FROM t GROUP BY y",
                        "SELECT x, y, 1 FROM t GROUP BY x, y"),
                ExecutionScorer.expand("SELECT {x, y}, 1 FROM t GROUP BY {}"));
    }

    @Test
    void normalizesNumbersToThreeDecimalsAndTextToLowerCase() {
        assertEquals(ExecutionScorer.norm("2.00049").str(), ExecutionScorer.norm("2.0").str());
        assertEquals(ExecutionScorer.norm("1_000").str(), ExecutionScorer.norm("1000").str());
        assertEquals(" Abc ".strip().toLowerCase(), ExecutionScorer.norm(" Abc ").text());
        // Python keeps the sign of a rounded-away negative: -0.0 is not 0.0 as text
        assertFalse(ExecutionScorer.norm("-0.0001").str().equals(ExecutionScorer.norm("0").str()));
        // half-even on the exact binary value: 0.0005 is just above half, 2.675 just below
        assertEquals(0.001, ExecutionScorer.round3(0.0005));
        assertEquals(2.675, ExecutionScorer.round3(2.6750000000000003));
    }

    @Test
    void matchesColumnsInAnyOrderWithExtraPredictedColumns() {
        Psql.Result gold = result(List.of("name", "n"), List.of(List.of("Ann", "2"), List.of("Bob", "1")));
        Psql.Result pred = result(List.of("id", "total", "who"),
                List.of(List.of("7", "1.0", "bob"), List.of("3", "2", "ANN")));
        assertTrue(ExecutionScorer.matches(gold, pred, false));
        // ordered: the rows' order now counts
        assertFalse(ExecutionScorer.matches(gold, pred, true));
        // a missing row fails
        assertFalse(ExecutionScorer.matches(gold, result(pred.header(), pred.rows().subList(0, 1)), false));
        // fewer columns than gold fails
        assertFalse(ExecutionScorer.matches(gold, result(List.of("who"), List.of(List.of("bob"), List.of("ann"))),
                false));
    }

    @Test
    void pairsValuesRowByRowNotColumnByColumn() {
        Psql.Result gold = result(List.of("a", "b"), List.of(List.of("x", "1"), List.of("y", "2")));
        Psql.Result crossed = result(List.of("a", "b"), List.of(List.of("x", "2"), List.of("y", "1")));
        assertFalse(ExecutionScorer.matches(gold, crossed, false));
    }

    @Test
    void ordersOnlyWhenTheQuestionAsksAndTheGoldOrders() {
        BenchQuestion asks = new BenchQuestion("q", "db", "List them, ordered by name", "SELECT a FROM t ORDER BY a",
                "c", "");
        BenchQuestion doesNotAsk = new BenchQuestion("q", "db", "List them", "SELECT a FROM t ORDER BY a", "c", "");
        assertTrue(ExecutionScorer.ordered(asks));
        assertFalse(ExecutionScorer.ordered(doesNotAsk));
        assertEquals("SELECT 1", ExecutionScorer.rstrip("SELECT 1; \n;"));
    }

    @Test
    void readsPsqlCsv() {
        assertEquals(List.of(List.of("a", "b"), List.of("x,y", "say \"hi\"\nthere"), List.of("", "")),
                Csv.parse("a,b\n\"x,y\",\"say \"\"hi\"\"\nthere\"\n,\n"));
        assertEquals(List.of("psql", "-X", "-h", "my host", "-U", "postgres"),
                Psql.split("psql -X -h 'my host' -U postgres"));
    }
}
