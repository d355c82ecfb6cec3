package io.kurobe.linking;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text as value matching compares it: lower case, accents dropped ("Zürich" reads "zurich"), punctuation a word
 * break ("Keck-II" reads "keck ii"); its trigrams; and a bounded edit distance.
 */
final class ValueText {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private ValueText() {
    }

    /** One word of a text: its folded form and where it stands in the original. */
    record Token(String text, int start, int end) {
    }

    /** The words of a text with their places, folded. */
    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean word = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                String folded = fold(text.substring(start, i));
                if (!folded.isEmpty()) {
                    tokens.add(new Token(folded, start, i));
                }
                start = -1;
            }
        }
        return tokens;
    }

    /** The folded words of a text joined by single spaces: what two texts are compared by. */
    static String normalize(String text) {
        List<Token> tokens = tokens(text);
        StringBuilder out = new StringBuilder();
        for (Token token : tokens) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(token.text());
        }
        return out.toString();
    }

    /** Lower case without accents; characters that decompose into nothing but marks are dropped. */
    static String fold(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        boolean ascii = lower.chars().allMatch(c -> c < 128);
        if (ascii) {
            return lower;
        }
        String stripped = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        return stripped.replace("ß", "ss");
    }

    /** The distinct trigrams of a normalized text, padded as pg_trgm pads a word: two spaces before, one after. */
    static Set<String> trigrams(String normalized) {
        String padded = "  " + normalized + " ";
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i + 3 <= padded.length(); i++) {
            out.add(padded.substring(i, i + 3));
        }
        return out;
    }

    /**
     * The edit distance (insertions, deletions, substitutions and swaps of neighbours) between two texts, or
     * {@code max + 1} as soon as it is known to exceed {@code max}.
     */
    static int distance(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        int n = b.length();
        int[] before = new int[n + 1];
        int[] previous = new int[n + 1];
        int[] current = new int[n + 1];
        for (int j = 0; j <= n; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= n; j++) {
                char cb = b.charAt(j - 1);
                int cost = ca == cb ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
                    value = Math.min(value, before[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.min(rowMin, value);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return Math.min(previous[n], max + 1);
    }

    /** The digits of a text in order: a typo may change letters, never a number ("EECS 281" is not "EECS 282"). */
    static String digits(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }
}
