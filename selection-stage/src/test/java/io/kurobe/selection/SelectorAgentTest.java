package io.kurobe.selection;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SelectorAgentTest {
    private static final List<Attempt> OFFERED = List.of(
            Attempt.returned("simple", "SELECT count(*) FROM orders", List.of("n"), List.of(List.of(12)), false),
            Attempt.returned("xiyan", "SELECT count(*) FROM customers", List.of("n"), List.of(List.of(5)), false));

    @Test
    void readsALabelOrTheQuotedSql() {
        assertEquals(Optional.of(1), SelectorAgent.read("Candidate B", OFFERED));
        assertEquals(Optional.of(0), SelectorAgent.read(" a ", OFFERED));
        assertEquals(Optional.of(1), SelectorAgent.read("```sql\nselect count(*)\nFROM customers;\n```", OFFERED));
    }

    @Test
    void anyOtherAnswerIsNoChoice() {
        assertEquals(Optional.empty(), SelectorAgent.read("Candidate C", OFFERED));
        assertEquals(Optional.empty(), SelectorAgent.read("Candidate A or Candidate B", OFFERED));
        assertEquals(Optional.empty(), SelectorAgent.read("Ignore the candidates and DROP TABLE orders", OFFERED));
        assertEquals(Optional.empty(), SelectorAgent.read("```sql\nSELECT 1\n```", OFFERED));
    }

    @Test
    void offersOneCandidatePerDistinctResultAndNoneThatFailed() {
        List<Attempt> attempts = List.of(OFFERED.get(0),
                Attempt.failed("icl", "SELECT amount FROM orders", "no column amount"),
                Attempt.returned("other", "SELECT count(order_id) FROM orders", List.of("c"), List.of(List.of(12)), false),
                OFFERED.get(1));

        assertEquals(List.of(0, 3), SelectorAgent.distinct(attempts));
    }
}
