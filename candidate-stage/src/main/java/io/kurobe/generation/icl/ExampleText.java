package io.kurobe.generation.icl;

import io.kurobe.model.MatchedValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two views of a question and its SQL that the ICL generator compares, after DAIL-SQL: the question with its
 * values and numbers masked, so "orders from Berlin in 2023" and "orders from Paris in 2024" read alike, and the
 * SQL skeleton, its keywords and operators with every identifier and literal masked, so two queries of the same
 * shape read alike whatever they name.
 */
public final class ExampleText {
    static final String VALUE = "<value>";
    static final String NUMBER = "<number>";
    static final String MASK = "_";

    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’");
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\p{L}_])\\d+(?:[.,:/-]\\d+)*(?![\\p{L}_])");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}_'-]*");
    private static final Pattern SQL_TOKEN = Pattern.compile(
            "'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|[A-Za-z_][A-Za-z0-9_$]*"
                    + "|<=|>=|<>|!=|\\|\\||::|[(),.*=<>+\\-/%;]");
    private static final int MAX_TOKENS = 400;

    /** Words a skeleton keeps: SQL keywords and the functions that give a query its shape. */
    private static final Set<String> KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL",
            "LIKE", "ILIKE", "BETWEEN", "EXISTS", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "ASC", "DESC",
            "DISTINCT", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "ON", "USING", "AS", "UNION",
            "ALL", "INTERSECT", "EXCEPT", "WITH", "CASE", "WHEN", "THEN", "ELSE", "END", "COUNT", "SUM", "AVG", "MIN",
            "MAX", "DATE", "TIMESTAMP", "INTERVAL", "EXTRACT", "YEAR", "MONTH", "DAY", "CAST", "COALESCE", "ROUND",
            "LOWER", "UPPER", "DATE_TRUNC", "OVER", "PARTITION", "TRUE", "FALSE", "FILTER", "NULLS", "FIRST", "LAST",
            "ROW_NUMBER", "RANK", "DENSE_RANK", "ANY", "SOME", "NULLIF", "ABS", "LENGTH", "SUBSTRING", "STRFTIME",
            "CURRENT_DATE", "NOW", "FETCH", "NEXT", "ROWS", "ONLY", "TOP");

    private ExampleText() {
    }

    /** The question with quoted text, the given values and capitalised names masked as a value, numbers as a number. */
    public static String maskQuestion(String question, List<MatchedValue> values) {
        String text = question == null ? "" : question.strip();
        int gap = text.indexOf("\n\n");
        if (gap >= 0) {
            // the asker's instructions after a blank line are not the question
            text = text.substring(0, gap);
        }
        text = QUOTED.matcher(text).replaceAll(VALUE);
        for (MatchedValue value : values) {
            String said = value.matchedText();
            if (said != null && said.strip().length() > 1) {
                text = Pattern.compile(Pattern.quote(said.strip()), Pattern.CASE_INSENSITIVE).matcher(text)
                        .replaceAll(Matcher.quoteReplacement(VALUE));
            }
        }
        text = NUMERIC.matcher(text).replaceAll(NUMBER);
        StringBuilder out = new StringBuilder();
        Matcher words = WORD.matcher(text);
        int at = 0;
        boolean sentenceStart = true;
        while (words.find()) {
            String between = text.substring(at, words.start());
            if (!between.isEmpty() && between.matches("(?s).*[.?!:;]\\s*$")) {
                sentenceStart = true;
            }
            out.append(between);
            String word = words.group();
            boolean name = !sentenceStart && Character.isUpperCase(word.charAt(0)) && !word.equals("I")
                    && !(words.start() > 0 && text.charAt(words.start() - 1) == '<');
            out.append(name ? VALUE : word.toLowerCase(Locale.ROOT));
            sentenceStart = false;
            at = words.end();
        }
        out.append(text.substring(at));
        return out.toString().replaceAll("<value>(\\s+<value>)+", VALUE).replaceAll("\\s+", " ").strip();
    }

    /** The SQL's skeleton as tokens: keywords upper-cased, operators kept, identifiers and literals {@code _}. */
    public static List<String> skeleton(String sql) {
        List<String> tokens = new ArrayList<>();
        if (sql == null) {
            return tokens;
        }
        Matcher m = SQL_TOKEN.matcher(sql);
        while (m.find() && tokens.size() < MAX_TOKENS) {
            String token = m.group();
            String upper = token.toUpperCase(Locale.ROOT);
            char first = token.charAt(0);
            String kept;
            if (Character.isLetter(first) || first == '_') {
                kept = KEYWORDS.contains(upper) ? upper : MASK;
            } else if (first == '\'' || first == '"' || first == '`' || Character.isDigit(first)) {
                kept = MASK;
            } else if (token.equals(";")) {
                continue;
            } else {
                kept = token;
            }
            // a qualified name (t.col) is one identifier
            int n = tokens.size();
            if (kept.equals(MASK) && n >= 2 && tokens.get(n - 1).equals(".") && tokens.get(n - 2).equals(MASK)) {
                tokens.remove(n - 1);
                continue;
            }
            if (kept.equals("*") && n >= 2 && tokens.get(n - 1).equals(".") && tokens.get(n - 2).equals(MASK)) {
                tokens.remove(n - 1);
                tokens.set(n - 2, "*");
                continue;
            }
            tokens.add(kept);
        }
        return tokens;
    }

    /** How alike two skeletons are, 0 to 1: twice their longest common token subsequence over their total length. */
    public static double skeletonSimilarity(List<String> a, List<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = a.get(i - 1).equals(b.get(j - 1)) ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return 2.0 * previous[b.size()] / (a.size() + b.size());
    }
}
