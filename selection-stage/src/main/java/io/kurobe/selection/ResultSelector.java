package io.kurobe.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses among executed candidates without a model. Each candidate that ran earns support from every candidate
 * whose result agrees with its own — fully (same rows), or partly (the same rows in another column order, or one
 * result's columns a subset of the other's) — weighted by its author's prior. The support is then weighed by how
 * well the result's shape fits the question: an empty result, a count asked but not one number returned, "top N"
 * asked but not N rows, an order asked but no ORDER BY. Errors and guard rejections earn nothing. Ties go to the
 * earlier author in the prior order. The reason names each of these.
 */
public final class ResultSelector {
    /** Weights of each kind of agreement with another candidate. */
    static final double EXACT = 1.0;
    /** Same rows in another column order: the same answer, told in another order; the question decides the order. */
    static final double PERMUTED = 1.0;
    /** The same set of rows, one with duplicates. */
    static final double SAME_SET = 1.0;
    static final double SUBSET = 0.25;
    /** Factors applied to support when the result's shape does not fit the question. */
    static final double EMPTY = 0.5;
    /** NULLs may be a true answer (details never filled in), or what an aggregate over no rows returns. */
    static final double ALL_NULL = 0.8;
    static final double COUNT_MISFIT = 0.7;
    static final double LIMIT_MISFIT = 0.7;
    static final double ORDER_MISFIT = 0.85;
    static final double COLUMN_ORDER_MISFIT = 0.8;
    static final double SUPERLATIVE_MISFIT = 0.85;
    static final double DIRECTION_MISFIT = 0.4;
    static final double UNNAMED_COLUMN = 0.9;
    static final double LOOSE_MATCH = 0.85;
    static final double DUPLICATES = 0.9;
    /** Below this confidence, or with a runner-up this close, the decision is marked low-confidence. */
    static final double LOW_CONFIDENCE = 0.5;
    static final double CLOSE_MARGIN = 0.15;

    private static final Pattern COUNT = Pattern.compile(
            "\\b(how many|number of|count of|count the|total number)\\b");
    private static final Pattern NAMED_COUNT = Pattern.compile("\\b(number of|count)\\b");
    private static final Pattern RANKED_COUNT = Pattern.compile(
            "\\b(largest|most|highest|smallest|fewest|least|lowest|greatest|maximum|minimum|max|min)"
                    + "\\s+(total\\s+)?(number|count)\\b");
    private static final Pattern CONTAINS = Pattern.compile(
            "\\b(contain|contains|containing|include|includes|including|like|substring|word|starts?|ends?|begins?"
                    + "|part of|pattern|mention|mentions)\\b");
    private static final Pattern LOOSE_LIKE = Pattern.compile("(?i)\\blike\\s+(['\"])%[^'\"]*%\\1");
    private static final Pattern COUNT_COLUMN = Pattern.compile("(?i)^(count\\b.*|.*_?count|num_.*|number.*)$");
    private static final Pattern GROUPED = Pattern.compile("\\b(each|per|every|for all|by each|respectively)\\b");
    private static final Pattern TOP = Pattern.compile(
            "\\b(?:top|first|last|highest|lowest|largest|smallest|most|least|best|worst|oldest|youngest)"
                    + "\\s+(\\d+|two|three|four|five|six|seven|eight|nine|ten)\\b");
    private static final Pattern ORDER = Pattern.compile(
            "\\b(order|ordered|sort|sorted|ascending|descending|alphabetical|alphabetically|ranked)\\b");
    private static final Pattern DESCENDING = Pattern.compile(
            "\\b(desc|descending|decreasing|reverse|most|highest|largest|biggest|greatest|top|latest|newest|oldest"
                    + "|longest|heaviest|best|high to low|more)\\b");
    private static final Pattern SINGLE_SUPERLATIVE = Pattern.compile(
            "\\bthe\\s+(lowest|highest|largest|smallest|most|least|oldest|youngest|maximum|minimum|earliest|latest"
                    + "|biggest|longest|shortest|best|worst|fewest)\\b");
    private static final Pattern DESC_ORDER = Pattern.compile("(?i)\\bdesc\\b");
    private static final Map<String, Integer> NUMBERS = Map.of("two", 2, "three", 3, "four", 4, "five", 5,
            "six", 6, "seven", 7, "eight", 8, "nine", 9, "ten", 10);

    private final List<String> priorOrder;

    /** @param priorOrder authors from most to least trusted; authors not named rank after them, in input order */
    public ResultSelector(List<String> priorOrder) {
        this.priorOrder = List.copyOf(priorOrder);
    }

    public Choice choose(String question, List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("no candidate to choose from");
        }
        List<List<List<Object>>> rows = new ArrayList<>();
        double totalPrior = 0;
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            rows.add(a.ok() ? ResultValues.normalize(a.rows()) : null);
            totalPrior += prior(a, i);
        }
        String q = question.toLowerCase(Locale.ROOT);
        int best = -1;
        double bestScore = -1;
        double[] scores = new double[attempts.size()];
        String bestReason = "";
        for (int i = 0; i < attempts.size(); i++) {
            if (rows.get(i) == null) {
                continue;
            }
            StringBuilder why = new StringBuilder();
            double support = prior(attempts.get(i), i);
            int exact = 0;
            int partial = 0;
            for (int j = 0; j < attempts.size(); j++) {
                if (j == i || rows.get(j) == null) {
                    continue;
                }
                double agreement = agreement(attempts.get(i), rows.get(i), attempts.get(j), rows.get(j));
                if (agreement == EXACT) {
                    exact++;
                } else if (agreement > 0) {
                    partial++;
                }
                support += agreement * prior(attempts.get(j), j);
            }
            why.append(exact + 1).append(" of ").append(attempts.size()).append(" candidates returned this result");
            if (partial > 0) {
                why.append(", ").append(partial).append(" partly agreed");
            }
            double fit = fit(q, attempts.get(i), rows.get(i), why);
            double score = support * fit;
            scores[i] = score;
            if (score > bestScore) {
                best = i;
                bestScore = score;
                bestReason = why.toString();
            }
        }
        if (best < 0) {
            return new Choice(0, 0.0, "no candidate executed; the first listed is returned: "
                    + attempts.get(0).error(), true);
        }
        // the closest rival is the best candidate whose answer differs from the chosen one
        double secondScore = 0;
        for (int i = 0; i < attempts.size(); i++) {
            if (i != best && rows.get(i) != null
                    && agreement(attempts.get(best), rows.get(best), attempts.get(i), rows.get(i)) == 0) {
                secondScore = Math.max(secondScore, scores[i]);
            }
        }
        double confidence = Math.min(1.0, bestScore / totalPrior);
        boolean low = confidence < LOW_CONFIDENCE || bestScore - Math.max(secondScore, 0) < CLOSE_MARGIN * totalPrior;
        int failed = (int) attempts.stream().filter(a -> !a.ok()).count();
        String reason = "chose " + attempts.get(best).system() + ": " + bestReason
                + (failed > 0 ? "; " + failed + " failed or were refused" : "")
                + (low ? "; low confidence: candidates split and no rule was decisive" : "");
        return new Choice(best, confidence, reason, low);
    }

    private double prior(Attempt attempt, int position) {
        int rank = priorOrder.indexOf(attempt.system());
        int r = rank >= 0 ? rank : priorOrder.size() + position;
        return 1.0 - 0.03 * r;
    }

    /** Exact, permuted or subset agreement of two results (row order counts only when both order). */
    static double agreement(Attempt a, List<List<Object>> ra, Attempt b, List<List<Object>> rb) {
        boolean ordered = a.ordered() && b.ordered();
        if (ResultMatch.same(ra, rb, ordered)) {
            return EXACT;
        }
        if (ra.isEmpty() || rb.isEmpty()) {
            return 0;
        }
        if (ra.size() != rb.size()) {
            return !ordered && new java.util.HashSet<>(ra).equals(new java.util.HashSet<>(rb)) ? SAME_SET : 0;
        }
        int wa = ra.get(0).size();
        int wb = rb.get(0).size();
        if (wa == wb) {
            return ResultMatch.matches(ra, rb, ordered, true) ? PERMUTED : 0;
        }
        return columnsContained(wa < wb ? ra : rb, wa < wb ? rb : ra) ? SUBSET : 0;
    }

    /** Every column of the narrow result appears, as a multiset of values, among the wide result's columns. */
    private static boolean columnsContained(List<List<Object>> narrow, List<List<Object>> wide) {
        List<Map<Object, Integer>> n = ResultMatch.columnCounts(narrow, narrow.get(0).size());
        List<Map<Object, Integer>> w = ResultMatch.columnCounts(wide, wide.get(0).size());
        for (Map<Object, Integer> column : n) {
            if (!w.contains(column)) {
                return false;
            }
        }
        return true;
    }

    /** How well the result's shape fits the question, as a factor on support; each misfit is named. */
    static double fit(String question, Attempt attempt, List<List<Object>> rows, StringBuilder why) {
        double fit = 1.0;
        if (rows.isEmpty()) {
            fit *= EMPTY;
            why.append("; empty result");
        } else if (allNull(rows)) {
            fit *= ALL_NULL;
            why.append("; only NULLs returned");
        }
        if (!columnsInQuestionOrder(question, attempt.columns())) {
            fit *= COLUMN_ORDER_MISFIT;
            why.append("; its columns are not in the order the question names them");
        }
        if (attempt.columns().size() > 1) {
            int unnamed = 0;
            for (String column : attempt.columns()) {
                if (mention(question, column) < 0 && !COUNT_COLUMN.matcher(column.toLowerCase(Locale.ROOT)).matches()) {
                    unnamed++;
                }
            }
            if (unnamed > 0) {
                fit *= Math.pow(UNNAMED_COLUMN, unnamed);
                why.append("; ").append(unnamed).append(" of its columns are not named in the question");
            }
        }
        if (LOOSE_LIKE.matcher(attempt.sql()).find() && !CONTAINS.matcher(question).find()) {
            fit *= LOOSE_MATCH;
            why.append("; it matches text loosely (LIKE '%…%') where the question names a value");
        }
        if (new java.util.HashSet<>(rows).size() < rows.size()) {
            fit *= DUPLICATES;
            why.append("; it repeats rows");
        }
        if (COUNT.matcher(question).find() && !RANKED_COUNT.matcher(question).find()
                && !GROUPED.matcher(question).find() && !oneNumber(rows)) {
            fit *= COUNT_MISFIT;
            why.append("; a count was asked but not one number returned");
        }
        Matcher top = TOP.matcher(question);
        if (top.find()) {
            int n = number(top.group(1));
            if (rows.size() != n) {
                fit *= LIMIT_MISFIT;
                why.append("; ").append(n).append(" rows were asked, ").append(rows.size()).append(" returned");
            }
        }
        if (ORDER.matcher(question).find() && !attempt.ordered()) {
            fit *= ORDER_MISFIT;
            why.append("; an order was asked but the query does not order");
        }
        if (ORDER.matcher(question).find() && attempt.ordered() && !DESCENDING.matcher(question).find()
                && DESC_ORDER.matcher(attempt.sql()).find()) {
            fit *= DIRECTION_MISFIT;
            why.append("; it sorts descending where the question asks no direction");
        }
        if (SINGLE_SUPERLATIVE.matcher(question).find() && !GROUPED.matcher(question).find() && rows.size() > 1
                && !top.reset().find()) {
            fit *= SUPERLATIVE_MISFIT;
            why.append("; one extreme was asked, ").append(rows.size()).append(" rows returned");
        }
        return fit;
    }

    private static boolean allNull(List<List<Object>> rows) {
        for (List<Object> row : rows) {
            for (Object v : row) {
                if (v != null) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether the result's columns come in the order the question names them: each column is placed where the
     * question first mentions it (a count where it asks "how many" or "number of", others by the words of their
     * name); columns the question does not mention are left out.
     */
    static boolean columnsInQuestionOrder(String question, List<String> columns) {
        int last = -1;
        for (String column : columns) {
            int at = mention(question, column);
            if (at < 0) {
                continue;
            }
            if (at < last) {
                return false;
            }
            last = at;
        }
        return true;
    }

    private static int mention(String question, String column) {
        String label = column.toLowerCase(Locale.ROOT);
        if (COUNT_COLUMN.matcher(label).matches()) {
            // "how many X per Y" is answered in either order, so only "number of" / "count" places a count
            Matcher m = NAMED_COUNT.matcher(question);
            return m.find() ? m.start() : -1;
        }
        String bare = label.replaceAll("^[a-z_]+\\(", "").replaceAll("[()*]", "");
        int dot = bare.lastIndexOf('.');
        bare = dot >= 0 ? bare.substring(dot + 1) : bare;
        int best = -1;
        for (String token : bare.split("[^a-z0-9]+")) {
            if (token.length() < 3 || STOP.contains(token)) {
                continue;
            }
            Matcher m = Pattern.compile("\\b" + Pattern.quote(token)).matcher(question);
            if (m.find() && (best < 0 || m.start() < best)) {
                best = m.start();
            }
        }
        return best;
    }

    private static final java.util.Set<String> STOP = java.util.Set.of("the", "and", "for", "with", "from",
            "id", "code", "num", "number", "count", "total", "avg", "sum", "min", "max");

    private static boolean oneNumber(List<List<Object>> rows) {
        return rows.size() == 1 && rows.get(0).size() == 1 && rows.get(0).get(0) instanceof Number;
    }

    private static int number(String word) {
        Integer n = NUMBERS.get(word);
        return n != null ? n : Integer.parseInt(word);
    }
}
