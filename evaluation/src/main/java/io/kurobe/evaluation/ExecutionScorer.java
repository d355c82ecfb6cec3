package io.kurobe.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Execution accuracy exactly as the benchmark's reference scorer (score.py) computes it, ported line by line:
 * gold alternatives split on ';' and {a, b} groups expanded; the prediction (trailing ';', spaces and newlines
 * stripped) and each gold alternative run through psql; a prediction is right when some alternative's result
 * matches: same row count, each gold column equal to a distinct predicted column, rows as multisets (as lists
 * when the question asks for an order and the gold orders), numbers rounded to three decimals, text trimmed and
 * lower-cased.
 */
final class ExecutionScorer {
    static final int PREDICTION_TIMEOUT = 30;
    static final int GOLD_TIMEOUT = 60;
    private static final Pattern GROUP = Pattern.compile("\\{([^{}]*)\\}");
    private static final String DIGITS = "\\d(?:_?\\d)*";
    /** What Python's float() accepts (ASCII digits): sign, digits with single underscores, exponent, nan, inf. */
    private static final Pattern PYTHON_FLOAT = Pattern.compile("[+-]?(?:(?:(?:" + DIGITS + ")?\\." + DIGITS
            + "|" + DIGITS + "\\.?)(?:[eE][+-]?" + DIGITS + ")?|nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private final Psql psql;

    ExecutionScorer(Psql psql) {
        this.psql = psql;
    }

    /** Whether the prediction is right for the question; an empty or failing prediction is wrong. */
    boolean correct(BenchQuestion question, String predicted) {
        if (predicted == null || predicted.strip().isEmpty()) {
            return false;
        }
        String database = psql.database(question.dbId());
        Psql.Result pred;
        try {
            pred = psql.query(database, rstrip(predicted), PREDICTION_TIMEOUT);
        } catch (RuntimeException e) {
            return false;
        }
        boolean ordered = ordered(question);
        for (String gold : expand(question.goldSql())) {
            try {
                if (matches(psql.query(database, gold, GOLD_TIMEOUT), pred, ordered)) {
                    return true;
                }
            } catch (RuntimeException e) {
                // a gold alternative that fails to run or to compare is skipped, as score.py does
            }
        }
        return false;
    }

    static boolean ordered(BenchQuestion question) {
        String text = question.question().toLowerCase(Locale.ROOT);
        return question.goldSql().toLowerCase(Locale.ROOT).contains("order by")
                && (text.contains("order") || text.contains("sort") || text.contains("rank"));
    }

    /** Python's {@code sql.rstrip("; \n")}. */
    static String rstrip(String sql) {
        int end = sql.length();
        while (end > 0 && (sql.charAt(end - 1) == ';' || sql.charAt(end - 1) == ' ' || sql.charAt(end - 1) == '\n')) {
            end--;
        }
        return sql.substring(0, end);
    }

    /** Every acceptable gold query: alternatives split on ';', each {a, b} group as a, b or "a, b". */
    static List<String> expand(String gold) {
        List<String> out = new ArrayList<>();
        for (String part : gold.split(";", -1)) {
            String alt = part.strip();
            if (alt.isEmpty()) {
                continue;
            }
            List<List<String>> choices = new ArrayList<>();
            Matcher m = GROUP.matcher(alt);
            while (m.find()) {
                if (m.group(1).strip().isEmpty()) {
                    continue;
                }
                List<String> opts = new ArrayList<>();
                for (String o : m.group(1).split(",", -1)) {
                    if (!o.strip().isEmpty()) {
                        opts.add(o.strip());
                    }
                }
                List<String> choice = new ArrayList<>(opts);
                if (opts.size() > 1) {
                    choice.add(String.join(", ", opts));
                }
                choices.add(choice);
            }
            if (choices.isEmpty()) {
                out.add(alt);
                continue;
            }
            for (List<String> combo : product(choices)) {
                Iterator<String> it = combo.iterator();
                Matcher r = GROUP.matcher(alt);
                StringBuilder q = new StringBuilder();
                while (r.find()) {
                    String replacement = r.group(1).strip().isEmpty() ? combo.get(0) : it.next();
                    r.appendReplacement(q, Matcher.quoteReplacement(replacement));
                }
                r.appendTail(q);
                out.add(q.toString());
            }
        }
        return out;
    }

    private static List<List<String>> product(List<List<String>> choices) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (List<String> choice : choices) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String c : choice) {
                    List<String> combo = new ArrayList<>(prefix);
                    combo.add(c);
                    next.add(combo);
                }
            }
            out = next;
        }
        return out;
    }

    /** A normalized value: a number rounded to three decimals, or text trimmed and lower-cased. */
    record Value(Double number, String text) {
        /** Python's str() of the normalized value, as score.py compares sorted columns and rows. */
        String str() {
            return number != null ? "\u0000" + Double.toString(number) : text;
        }

        /** Python's == between two normalized values. */
        boolean same(Value other) {
            if (number != null && other.number != null) {
                return number.doubleValue() == other.number.doubleValue();
            }
            return number == null && other.number == null && text.equals(other.text);
        }
    }

    static Value norm(String v) {
        if (v == null) {
            return new Value(null, null);
        }
        String s = v.strip();
        if (PYTHON_FLOAT.matcher(s).matches()) {
            return new Value(round3(parse(s)), null);
        }
        return new Value(null, s.toLowerCase(Locale.ROOT));
    }

    private static double parse(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String body = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (body.equals("inf") || body.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(s.replace("_", ""));
    }

    /** Python's round(f, 3): the exact binary value rounded half-even, the sign of a zero kept. */
    static double round3(double f) {
        if (Double.isNaN(f) || Double.isInfinite(f)) {
            return f;
        }
        double r = new BigDecimal(f).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
        return r == 0.0 && (f < 0 || Double.doubleToRawLongBits(f) == Double.doubleToRawLongBits(-0.0)) ? -0.0 : r;
    }

    private static List<List<Value>> columns(List<List<String>> rows, int n) {
        List<List<Value>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Value> column = new ArrayList<>();
            for (List<String> row : rows) {
                column.add(norm(row.get(i)));
            }
            out.add(column);
        }
        return out;
    }

    static boolean matches(Psql.Result gold, Psql.Result pred, boolean ordered) {
        List<String> gh = gold.header();
        List<String> ph = pred.header();
        List<List<String>> grows = gold.rows();
        List<List<String>> prows = pred.rows();
        if (grows.size() != prows.size() || gh.size() > ph.size()) {
            return false;
        }
        List<List<Value>> g = columns(grows, gh.size());
        List<List<Value>> p = columns(prows, ph.size());
        for (int[] perm : permutations(ph.size(), gh.size())) {
            boolean columnsAgree = true;
            for (int i = 0; i < perm.length && columnsAgree; i++) {
                columnsAgree = sameColumn(g.get(i), p.get(perm[i]), ordered);
            }
            if (columnsAgree) {
                List<List<String>> gr = new ArrayList<>();
                List<List<String>> pr = new ArrayList<>();
                for (int k = 0; k < grows.size(); k++) {
                    List<String> gt = new ArrayList<>();
                    List<String> pt = new ArrayList<>();
                    for (int i = 0; i < perm.length; i++) {
                        gt.add(g.get(i).get(k).str());
                        pt.add(p.get(perm[i]).get(k).str());
                    }
                    gr.add(gt);
                    pr.add(pt);
                }
                if (ordered ? gr.equals(pr) : counts(gr).equals(counts(pr))) {
                    return true;
                }
            }
            if (ph.size() > 7) {
                break;
            }
        }
        return false;
    }

    private static boolean sameColumn(List<Value> g, List<Value> p, boolean ordered) {
        if (ordered) {
            if (g.size() != p.size()) {
                return false;
            }
            for (int i = 0; i < g.size(); i++) {
                if (!g.get(i).same(p.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return sortedStrings(g).equals(sortedStrings(p));
    }

    private static List<String> sortedStrings(List<Value> values) {
        return values.stream().map(Value::str).sorted().toList();
    }

    private static <T> Map<T, Integer> counts(List<T> items) {
        Map<T, Integer> counts = new HashMap<>();
        items.forEach(i -> counts.merge(i, 1, Integer::sum));
        return counts;
    }

    /** itertools.permutations(range(n), r), in its order. */
    static List<int[]> permutations(int n, int r) {
        List<int[]> out = new ArrayList<>();
        if (r > n) {
            return out;
        }
        permute(n, r, new int[r], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int n, int r, int[] current, boolean[] used, int depth, List<int[]> out) {
        if (out.size() > 50_000) {
            return;
        }
        if (depth == r) {
            out.add(current.clone());
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!used[i]) {
                used[i] = true;
                current[depth] = i;
                permute(n, r, current, used, depth + 1, out);
                used[i] = false;
            }
        }
    }
}
