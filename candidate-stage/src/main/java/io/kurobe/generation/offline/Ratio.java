package io.kurobe.generation.offline;

import io.kurobe.generation.offline.SchemaIndex.Column;
import io.kurobe.generation.offline.SchemaIndex.Kind;
import io.kurobe.generation.offline.SchemaIndex.Table;

import java.util.List;
import java.util.Set;

/**
 * One side of "the ratio of A to B": a number column (per row, or summed), a count of a table's rows, or a
 * count or sum restricted by a yes/no column or a positive number ("courses with projects", "flights with stops").
 */
record Ratio(Column number, Table table, String condition, Column conditionColumn, boolean all) {
    static final Set<String> SPLIT = Set.of("to", "versus", "vs", "against");
    static final Set<String> END = Set.of("for", "each", "per", "by", "across", "within", "vary", "varies", "differ",
            "differs", "change", "changes", "among", "grouped", "in", "over", "during");

    boolean rowLevel() {
        return number != null && condition == null;
    }

    Table owner() {
        return number != null ? number.table() : conditionColumn != null ? conditionColumn.table() : table;
    }

    /** The aggregate of this side over a group's rows. */
    String aggregate() {
        if (condition != null) {
            return "SUM(CASE WHEN " + condition + " THEN " + (number != null ? QueryPlan.col(number) : "1") + " ELSE 0 END)";
        }
        if (number != null) {
            return "SUM(" + QueryPlan.col(number) + ")";
        }
        return table.key() != null && !all ? "COUNT(DISTINCT " + QueryPlan.col(table.key()) + ")" : "COUNT(*)";
    }

    String row() {
        return QueryPlan.col(number);
    }

    static String divide(String a, String b) {
        return "CAST(" + a + " AS FLOAT) / NULLIF(" + b + ", 0)";
    }

    /** A side from the mentions inside its words [from, to). */
    static Ratio of(List<Planner.Mention> mentions, QuestionText q, int from, int to) {
        Column number = null;
        double numberScore = 0;
        Table table = null;
        Column flag = null;
        String condition = null;
        for (Planner.Mention m : mentions) {
            int s = m.span().start();
            if (s < from || s >= to) {
                continue;
            }
            Column c = m.column();
            boolean afterWith = s > 0 && (q.raw.get(s - 1).equals("with") || q.raw.get(s - 1).equals("without")
                    || s > 1 && q.raw.get(s - 2).equals("with"));
            boolean negated = s > 0 && q.raw.get(s - 1).equals("without") || s > 1 && q.raw.get(s - 2).equals("without");
            if (c != null && c.kind() == Kind.BOOLEAN && m.score() >= 1.5) {
                flag = c;
                condition = negated ? "NOT " + QueryPlan.col(c) : QueryPlan.col(c);
            } else if (c != null && c.numeric() && afterWith && !c.keyLike() && m.score() >= 1.5 && condition == null) {
                flag = c;
                condition = QueryPlan.col(c) + (negated ? " = 0" : " > 0");
            } else if (c != null && c.numeric() && !c.keyLike() && m.score() > numberScore && m.score() >= 1.5) {
                number = c;
                numberScore = m.score();
            } else if (m.isTable() && table == null && m.score() >= 1.5) {
                table = m.table();
            }
        }
        boolean all = false;
        for (int k = from; k < to; k++) {
            if (q.raw.get(k).equals("all")) {
                all = true;
            }
        }
        if (number == null && table == null && flag == null) {
            return null;
        }
        if (number == null && flag == null) {
            return new Ratio(null, table, null, null, all);
        }
        return new Ratio(number, table, condition, flag, all);
    }
}
