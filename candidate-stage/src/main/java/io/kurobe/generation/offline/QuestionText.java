package io.kurobe.generation.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A question as tokens with their positions, and the phrase matching the engine needs: where a table's or
 * column's words occur (as a sequence, glued together as in {@code joindate}, or as a bag within a short window),
 * and which marker words stand where.
 */
final class QuestionText {
    /** Where a name occurs: tokens [start, end), and how sure the match is (1 = its words in order). */
    record Span(int start, int end, double strength) {
    }

    static final Map<String, Integer> NUMBER_WORDS = Map.of("one", 1, "two", 2, "three", 3, "four", 4, "five", 5,
            "six", 6, "seven", 7, "eight", 8, "nine", 9, "ten", 10);
    private static final Set<String> GENERIC = Set.of("id", "number", "name", "code", "type", "date", "total", "count",
            "amount", "value", "time", "description", "status");

    final String text;
    final String lower;
    final List<String> raw;
    final List<String> stems;

    QuestionText(String question) {
        this.text = question;
        this.lower = question.toLowerCase(Locale.ROOT);
        this.raw = Lexicon.words(question);
        this.stems = raw.stream().map(Lexicon::stem).toList();
    }

    int size() {
        return stems.size();
    }

    String stem(int i) {
        return i >= 0 && i < stems.size() ? stems.get(i) : "";
    }

    boolean has(String phrase) {
        return indexOf(phrase, 0) >= 0;
    }

    /** The token index where a phrase of raw words starts, from a position on; -1 when absent. */
    int indexOf(String phrase, int from) {
        List<String> words = Lexicon.words(phrase);
        outer:
        for (int i = Math.max(0, from); i + words.size() <= raw.size(); i++) {
            for (int k = 0; k < words.size(); k++) {
                if (!raw.get(i + k).equals(words.get(k)) && !stems.get(i + k).equals(Lexicon.stem(words.get(k)))) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Every occurrence of a name's words; the best first. */
    List<Span> find(List<String> words, String joined) {
        List<Span> out = new ArrayList<>();
        if (words.isEmpty()) {
            return out;
        }
        int n = words.size();
        for (int i = 0; i < stems.size(); i++) {
            // the words in order
            if (i + n <= stems.size() && stems.subList(i, i + n).equals(words)) {
                out.add(new Span(i, i + n, 1.0));
                continue;
            }
            // glued: "join date" for joindate, "daily price" for dailyprice
            StringBuilder glued = new StringBuilder();
            StringBuilder gluedRaw = new StringBuilder();
            for (int m = 1; m <= 3 && i + m <= stems.size(); m++) {
                glued.append(stems.get(i + m - 1));
                gluedRaw.append(raw.get(i + m - 1));
                if (joined.length() >= 4 && (glued.toString().equals(joined) || gluedRaw.toString().equals(joined)
                        || Lexicon.stem(gluedRaw.toString()).equals(joined))) {
                    out.add(new Span(i, i + m, 1.0));
                    break;
                }
            }
        }
        if (!out.isEmpty() || n == 1) {
            return out;
        }
        // "city" for city_name, "semester" for semester_id: the specific word alone, the rest generic
        if (n == 2 && Set.of("name", "code", "type", "title", "status").contains(words.get(1))
                && !GENERIC.contains(words.get(0))) {
            for (int i = 0; i < stems.size(); i++) {
                if (stems.get(i).equals(words.get(0))) {
                    out.add(new Span(i, i + 1, 0.55));
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        // "enrolled" for num_enrolled, "citations" for num_citations: a count column by what it counts
        if (n == 2 && Set.of("number", "count", "total").contains(words.get(0)) && !GENERIC.contains(words.get(1))) {
            for (int i = 0; i < stems.size(); i++) {
                if (stems.get(i).equals(words.get(1))) {
                    out.add(new Span(i, i + 1, 0.6));
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        // all the words, in any order, within a short window ("number of citations" for citation_num)
        for (int i = 0; i < stems.size(); i++) {
            if (!words.contains(stems.get(i))) {
                continue;
            }
            int end = Math.min(stems.size(), i + n + 2);
            List<String> window = stems.subList(i, end);
            if (window.containsAll(words)) {
                int last = i;
                for (int k = i; k < end; k++) {
                    if (words.contains(stems.get(k))) {
                        last = k;
                    }
                }
                // only filler words between them: "number of citations", not "airlines with the most flights"
                boolean filler = true;
                for (int k = i; k <= last; k++) {
                    String w = stems.get(k);
                    if (!words.contains(w) && !Lexicon.STOP.contains(w) && !w.equals("number")) {
                        filler = false;
                    }
                }
                if (filler) {
                    out.add(new Span(i, last + 1, 0.8));
                    break;
                }
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        // most of the specific words: "round-trip fares" for round_trip_cost
        List<String> specific = words.stream().filter(w -> !GENERIC.contains(w) && w.length() > 2).toList();
        if (specific.size() >= 2) {
            for (int i = 0; i < stems.size(); i++) {
                int end = Math.min(stems.size(), i + specific.size() + 1);
                List<String> window = stems.subList(i, end);
                if (specific.contains(stems.get(i)) && specific.stream().filter(window::contains).count() == specific.size()) {
                    out.add(new Span(i, end, 0.7));
                    break;
                }
            }
        }
        return out;
    }
}
