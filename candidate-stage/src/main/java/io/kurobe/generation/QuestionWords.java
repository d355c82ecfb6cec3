package io.kurobe.generation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** A question's words, lower-cased and made singular, so "orders" finds the table orders and "Order lines" order_lines. */
final class QuestionWords {
    private final String text;
    private final List<String> words;

    QuestionWords(String question) {
        this.text = question.toLowerCase(Locale.ROOT);
        this.words = of(question);
    }

    /** The singular words of a text or an identifier: {@code order_lines} gives [order, line]. */
    static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                out.add(singular(word));
            }
        }
        return out;
    }

    static String singular(String word) {
        if (word.length() <= 3 || word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) {
            return word;
        }
        if (word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes") || word.endsWith("sses")) {
            return word.substring(0, word.length() - 2);
        }
        return word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
    }

    boolean has(String... wordsOrPhrase) {
        return indexOf(List.of(wordsOrPhrase)) >= 0;
    }

    boolean hasAny(List<String> candidates) {
        return candidates.stream().anyMatch(c -> indexOf(of(c)) >= 0);
    }

    boolean contains(List<String> phrase) {
        return indexOf(phrase) >= 0;
    }

    int indexOf(List<String> phrase) {
        return phrase.isEmpty() ? -1 : Collections.indexOfSubList(words, phrase);
    }

    /** How many of these words the question has. */
    int count(List<String> candidates) {
        return (int) candidates.stream().distinct().filter(words::contains).count();
    }

    /** Up to n words following each occurrence of the word. */
    List<List<String>> after(String word, int n) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals(word)) {
                out.add(words.subList(i + 1, Math.min(words.size(), i + 1 + n)));
            }
        }
        return out;
    }

    List<String> words() {
        return words;
    }

    /** Whether the question holds this value as whole words, case ignored ("Cancelled" finds cancelled). */
    boolean mentionsValue(String value) {
        String wanted = value.toLowerCase(Locale.ROOT).strip();
        if (wanted.length() < 2 || wanted.chars().noneMatch(Character::isLetter)) {
            return false;
        }
        for (int at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
            int end = at + wanted.length();
            if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }
}
