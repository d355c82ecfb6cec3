package io.kurobe.generation.offline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question may carry the asker's guidance after a blank line ("TSC = Total Sales Count"). The engine reads the
 * question from the first paragraph and, from the guidance, the terms it defines in words, which it spells out
 * in the question; definitions that are formulas ({@code GPM = (revenue - cost) / cost * 100}) are kept as
 * {@link Formula}s the planner may compute.
 */
record Glossary(String question, String asked, Map<String, String> terms, Map<String, Formula> formulas,
                List<NullMeaning> nulls) {
    /** "student.minor is null for students who have not declared a minor program": what a NULL in a column means. */
    record NullMeaning(String table, String column, String meaning) {
    }

    private static final Pattern NULL_MEANS = Pattern.compile(
            "\\b([A-Za-z_][\\w]*)\\.([A-Za-z_][\\w]*)\\s+is\\s+null\\s+(?:for|when|if|means|where)\\s+([^.\\n;]{3,160})",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern DEFINITION = Pattern.compile(
            "\\b([A-Z][A-Za-z0-9]{1,9})\\b\\s*(?:\\(([^)]{3,60})\\))?\\s*(?:=|:|means|is defined as)\\s*([^=\\n;]{3,120})");
    /** "Net revenue is the total amount of completed orders.": a sentence defining a term of a few words in words. */
    private static final Pattern SENTENCE = Pattern.compile(
            "(?:^|(?<=[.!?;])\\s+)([A-Z][a-z]+(?:\\s+[a-z]+){0,3})\\s+(?:is|are|means)\\s+(the\\s+[^.\\n;=]{3,120})");
    private static final Pattern FORMULA = Pattern.compile("[/*+()]|\\s-\\s");

    static Glossary of(String text) {
        String[] parts = text.split("\\n\\s*\\n", 2);
        String question = parts[0].strip();
        Map<String, String> terms = new LinkedHashMap<>();
        Map<String, Formula> formulas = new LinkedHashMap<>();
        List<NullMeaning> nulls = new ArrayList<>();
        if (parts.length > 1) {
            Matcher n = NULL_MEANS.matcher(parts[1]);
            while (n.find()) {
                nulls.add(new NullMeaning(n.group(1), n.group(2), n.group(3).strip()));
            }
            Matcher m = DEFINITION.matcher(parts[1]);
            while (m.find()) {
                String term = m.group(1);
                String meaning = m.group(3).strip();
                int stop = meaning.indexOf(". ");
                meaning = (stop > 0 ? meaning.substring(0, stop) : meaning).replaceAll("[.,]+$", "").strip();
                boolean asked = question.matches("(?s).*\\b" + Pattern.quote(term) + "\\b.*");
                if (asked && FORMULA.matcher(meaning).find()) {
                    Formula.parse(term, meaning).ifPresent(f -> formulas.putIfAbsent(term, f));
                }
                if (m.group(2) != null && FORMULA.matcher(meaning).find()) {
                    meaning = m.group(2).strip();
                }
                if (!FORMULA.matcher(meaning).find() && question.matches("(?s).*\\b" + Pattern.quote(term) + "\\b.*")) {
                    terms.putIfAbsent(term, meaning);
                }
            }
        }
        Map<String, String> phrases = new LinkedHashMap<>();
        if (parts.length > 1) {
            Matcher d = SENTENCE.matcher(parts[1].strip());
            while (d.find()) {
                String term = d.group(1).strip();
                String meaning = d.group(2).strip().replaceAll("[.,]+$", "");
                if (!FORMULA.matcher(meaning).find() && !terms.containsKey(term) && Pattern.compile("\\b"
                        + Pattern.quote(term) + "\\b", Pattern.CASE_INSENSITIVE).matcher(question).find()) {
                    phrases.putIfAbsent(term, meaning);
                }
            }
        }
        String spelled = question;
        for (Map.Entry<String, String> t : phrases.entrySet()) {
            // "the net revenue" becomes "the total amount of completed orders", said once with its article
            spelled = Pattern.compile("\\b(?:the\\s+)?" + Pattern.quote(t.getKey()) + "\\b", Pattern.CASE_INSENSITIVE)
                    .matcher(spelled).replaceAll(Matcher.quoteReplacement(t.getValue()));
            terms.putIfAbsent(t.getKey(), t.getValue());
        }
        for (Map.Entry<String, String> t : terms.entrySet()) {
            spelled = spelled.replaceAll("\\b" + Pattern.quote(t.getKey()) + "\\b", Matcher.quoteReplacement(t.getValue()));
        }
        return new Glossary(spelled, question, terms, formulas, nulls);
    }

    /** The question with a formula's term spelled as the quantities it is computed from ("GPM" → "total revenue and total cost"). */
    String spelledWith(Formula formula) {
        return asked.replaceAll("\\b" + Pattern.quote(formula.term) + "\\b",
                Matcher.quoteReplacement(String.join(" and ", formula.quantities())));
    }
}
