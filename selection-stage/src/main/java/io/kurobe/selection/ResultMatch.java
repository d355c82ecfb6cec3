package io.kurobe.selection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether two results are the same answer: as multisets of rows (row order ignored), or as ordered lists when the
 * reference orders; with {@code ignoreColumnOrder} a permutation of the reference's columns is accepted too.
 * Rows must be normalized with {@link ResultValues} first.
 */
public final class ResultMatch {
    private static final int PERMUTATION_BUDGET = 20_000;

    private ResultMatch() {
    }

    public static boolean matches(List<List<Object>> reference, List<List<Object>> other, boolean ordered,
                                  boolean ignoreColumnOrder) {
        if (same(reference, other, ordered)) {
            return true;
        }
        if (!ignoreColumnOrder || reference.size() != other.size() || reference.isEmpty()
                || reference.get(0).size() != other.get(0).size()) {
            return false;
        }
        int n = reference.get(0).size();
        List<Map<Object, Integer>> refColumns = columnCounts(reference, n);
        List<Map<Object, Integer>> otherColumns = columnCounts(other, n);
        List<List<Integer>> choices = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            List<Integer> fits = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (otherColumns.get(k).equals(refColumns.get(j))) {
                    fits.add(k);
                }
            }
            choices.add(fits);
        }
        int[] budget = {PERMUTATION_BUDGET};
        return search(0, new HashSet<>(), new ArrayList<>(), choices, reference, other, ordered, budget);
    }

    private static boolean search(int j, Set<Integer> used, List<Integer> perm, List<List<Integer>> choices,
                                  List<List<Object>> reference, List<List<Object>> other, boolean ordered,
                                  int[] budget) {
        if (budget[0] <= 0) {
            return false;
        }
        if (j == choices.size()) {
            budget[0]--;
            List<List<Object>> permuted = new ArrayList<>(other.size());
            for (List<Object> row : other) {
                List<Object> p = new ArrayList<>(perm.size());
                for (int k : perm) {
                    p.add(row.get(k));
                }
                permuted.add(p);
            }
            return same(reference, permuted, ordered);
        }
        for (int k : choices.get(j)) {
            if (!used.contains(k)) {
                used.add(k);
                perm.add(k);
                if (search(j + 1, used, perm, choices, reference, other, ordered, budget)) {
                    return true;
                }
                perm.remove(perm.size() - 1);
                used.remove(k);
            }
        }
        return false;
    }

    static boolean same(List<List<Object>> a, List<List<Object>> b, boolean ordered) {
        return ordered ? a.equals(b) : counts(a).equals(counts(b));
    }

    static Map<List<Object>, Integer> counts(List<List<Object>> rows) {
        Map<List<Object>, Integer> counts = new HashMap<>();
        for (List<Object> row : rows) {
            counts.merge(row, 1, Integer::sum);
        }
        return counts;
    }

    static List<Map<Object, Integer>> columnCounts(List<List<Object>> rows, int width) {
        List<Map<Object, Integer>> out = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            Map<Object, Integer> counts = new HashMap<>();
            for (List<Object> row : rows) {
                counts.merge(row.get(c), 1, Integer::sum);
            }
            out.add(counts);
        }
        return out;
    }
}
