package io.kurobe.linking;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Connector;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.QueryResult;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.model.MatchedValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The distinct values of the low-cardinality text columns (status, category, country…), so a word or phrase of
 * the question can be recognised as a value even when it is not among the examples M-Schema shows.
 *
 * <p>Matching compares folded text (case and accents ignored, punctuation a word break) of the question's phrases
 * of one to {@link #MAX_PHRASE_WORDS} words. A phrase equal to a value matches it with score 1. A phrase that is
 * not, nor overlaps one that is, may match a value within a few typos: one edit for a phrase of 5 to 9 characters,
 * two from 10, same first letter and same digits, found through a trigram index and confirmed by edit distance,
 * scored {@code 1 - edits / length} (at most {@link #FUZZY_CEILING}, so exact always ranks first) and kept from
 * {@link #FUZZY_THRESHOLD}. English words and words of the schema's own names never match fuzzily alone, a phrase
 * that comes as close to more than {@link #MAX_AMBIGUOUS} different values matches none of them, and a column
 * takes at most {@link #MAX_FUZZY_PER_COLUMN} fuzzy matches.
 */
final class ValueIndex {
    static final int MAX_DISTINCT = 100;
    static final int MAX_PHRASE_WORDS = 8;
    static final int MAX_FUZZY_PHRASE_WORDS = 4;
    static final double FUZZY_CEILING = 0.95;
    static final double FUZZY_THRESHOLD = 0.8;
    static final int MAX_FUZZY_PER_COLUMN = 3;
    static final int MAX_FUZZY = 20;
    static final int MAX_AMBIGUOUS = 4;
    private static final ExecutionLimits LIMITS = new ExecutionLimits(MAX_DISTINCT + 1, Duration.ofSeconds(10));
    private static final Set<String> TEXT_TYPES = Set.of("VARCHAR", "TEXT", "CHAR", "STRING", "CHARACTER VARYING",
            "CHARACTER", "BPCHAR", "NVARCHAR");
    /** Words of questions that are not values: never matched fuzzily, nor used to start or end a fuzzy phrase. */
    static final Set<String> COMMON_WORDS = Set.copyOf(Arrays.asList(("a about above after again against all also among an and any are"
            + " around as at average be because been before being below best between both but by can count could"
            + " data day days did do does during each either else ever every few find first for from get give"
            + " greater had has have having her here highest his how if in into is it its last least less list"
            + " longest lowest made make many may maximum mean median minimum month months more most much must my"
            + " next no not number of off often on once one only or order other our out over own per percent"
            + " percentage placed rank ratio same share shortest should show since smallest so some sort sorted such"
            + " sum than that the their them then there these they this those through to top total under until up"
            + " was week weeks were what when where whether which while who whom whose why will with within without"
            + " would year years yes you your largest biggest greatest fewest newest oldest latest earliest"
            + " value values name names please tell across ago today yesterday").split(" ")));

    record Value(String table, String column, String value) {
    }

    /** A phrase of the question: its folded text, its first and last word and its place in the question. */
    private record Phrase(String text, int first, int last, int start, int end) {
    }

    private record Match(Value value, Phrase phrase, double score, boolean exact) {
    }

    private final List<String> texts = new ArrayList<>();
    private final List<List<Value>> holders = new ArrayList<>();
    private final Map<String, Integer> byText = new HashMap<>();
    private final Map<String, int[]> postings;
    private final Set<String> schemaWords;
    private final int maxWords;
    private final int size;

    ValueIndex(List<Value> values, Set<String> schemaWords) {
        Map<String, List<Integer>> grams = new HashMap<>();
        int longest = 1;
        for (Value value : values) {
            String text = ValueText.normalize(value.value());
            if (text.length() < 2 || text.chars().noneMatch(Character::isLetter)) {
                continue;
            }
            Integer id = byText.get(text);
            if (id == null) {
                id = texts.size();
                byText.put(text, id);
                texts.add(text);
                holders.add(new ArrayList<>());
                for (String gram : ValueText.trigrams(text)) {
                    grams.computeIfAbsent(gram, g -> new ArrayList<>()).add(id);
                }
                longest = Math.max(longest, text.split(" ").length);
            }
            holders.get(id).add(value);
        }
        this.postings = new HashMap<>(grams.size() * 2);
        grams.forEach((gram, ids) -> postings.put(gram, ids.stream().mapToInt(Integer::intValue).toArray()));
        this.schemaWords = Set.copyOf(schemaWords);
        this.maxWords = Math.min(MAX_PHRASE_WORDS, longest);
        this.size = values.size();
    }

    static ValueIndex read(Connector connector, SchemaSnapshot snapshot) {
        List<Value> values = new ArrayList<>();
        for (TableInfo table : snapshot.tables()) {
            for (ColumnInfo column : table.columns()) {
                if (!column.primaryKey() && isText(column.type())) {
                    // ordered, so the index, and with it the order of equal matches, is the same in every run
                    QueryResult distinct = connector.execute("SELECT DISTINCT " + quote(column.name()) + " FROM "
                            + quoteTable(table.name()) + " WHERE " + quote(column.name()) + " IS NOT NULL ORDER BY 1",
                            LIMITS);
                    if (!distinct.truncated()) {
                        distinct.rows().forEach(row -> values.add(new Value(table.name(), column.name(), String.valueOf(row.get(0)))));
                    }
                }
            }
        }
        return new ValueIndex(values, schemaWords(snapshot));
    }

    /** The words of the schema's table and column names, singular and plural: they name the schema, not values. */
    static Set<String> schemaWords(SchemaSnapshot snapshot) {
        Set<String> words = new HashSet<>();
        for (TableInfo table : snapshot.tables()) {
            for (String word : SchemaWords.words(SchemaWords.bareName(table.name()))) {
                words.add(word);
                words.add(LinkingPolicy.singular(word));
            }
            for (ColumnInfo column : table.columns()) {
                for (String word : SchemaWords.words(column.name())) {
                    words.add(word);
                    words.add(LinkingPolicy.singular(word));
                }
            }
        }
        return words;
    }

    /** The indexed values the question says, exactly first (in index order), then fuzzily by score. */
    List<MatchedValue> match(String question) {
        List<ValueText.Token> tokens = ValueText.tokens(question);
        List<Phrase> phrases = phrases(tokens);
        List<Match> exact = new ArrayList<>();
        boolean[] exactWord = new boolean[tokens.size()];
        for (Phrase phrase : phrases) {
            Integer id = byText.get(phrase.text());
            if (id != null) {
                for (Value value : holders.get(id)) {
                    exact.add(new Match(value, phrase, 1.0, true));
                }
                Arrays.fill(exactWord, phrase.first(), phrase.last() + 1, true);
            }
        }
        exact.sort(Comparator.comparingInt(m -> order(m.value())));
        List<Match> fuzzy = fuzzy(phrases, tokens, exactWord);

        List<MatchedValue> out = new ArrayList<>();
        Set<Value> seen = new HashSet<>();
        for (Match m : exact) {
            if (seen.add(m.value())) {
                out.add(matched(question, m));
            }
        }
        Map<String, Integer> perColumn = new HashMap<>();
        int taken = 0;
        for (Match m : fuzzy) {
            String column = m.value().table() + "." + m.value().column();
            if (taken < MAX_FUZZY && !seen.contains(m.value()) && perColumn.getOrDefault(column, 0) < MAX_FUZZY_PER_COLUMN) {
                seen.add(m.value());
                perColumn.merge(column, 1, Integer::sum);
                out.add(matched(question, m));
                taken++;
            }
        }
        return out;
    }

    int size() {
        return size;
    }

    /** Every run of one to {@code maxWords} words (the longest value's), in question order. */
    private List<Phrase> phrases(List<ValueText.Token> tokens) {
        List<Phrase> phrases = new ArrayList<>();
        for (int first = 0; first < tokens.size(); first++) {
            StringBuilder text = new StringBuilder();
            for (int last = first; last < tokens.size() && last - first < maxWords; last++) {
                if (last > first) {
                    text.append(' ');
                }
                text.append(tokens.get(last).text());
                phrases.add(new Phrase(text.toString(), first, last, tokens.get(first).start(), tokens.get(last).end()));
            }
        }
        return phrases;
    }

    /** The fuzzy matches of the phrases that no exact match covers, best first. */
    private List<Match> fuzzy(List<Phrase> phrases, List<ValueText.Token> tokens, boolean[] exactWord) {
        List<Match> found = new ArrayList<>();
        int[] shared = new int[texts.size()];
        List<Integer> touched = new ArrayList<>();
        for (Phrase phrase : phrases) {
            int edits = allowedEdits(phrase.text());
            if (edits == 0 || phrase.last() - phrase.first() >= MAX_FUZZY_PHRASE_WORDS
                    || covered(exactWord, phrase) || !fuzzyCandidate(phrase, tokens)) {
                continue;
            }
            Set<String> grams = ValueText.trigrams(phrase.text());
            int needed = Math.max(1, grams.size() - 3 * edits);
            for (String gram : grams) {
                int[] ids = postings.get(gram);
                if (ids != null) {
                    for (int id : ids) {
                        if (shared[id]++ == 0) {
                            touched.add(id);
                        }
                    }
                }
            }
            int best = edits + 1;
            List<Integer> closest = new ArrayList<>();
            String digits = ValueText.digits(phrase.text());
            for (int id : touched) {
                if (shared[id] >= needed) {
                    String text = texts.get(id);
                    if (text.charAt(0) == phrase.text().charAt(0) && digits.equals(ValueText.digits(text))) {
                        int distance = ValueText.distance(phrase.text(), text, Math.min(edits, allowedEdits(text)));
                        if (distance < best) {
                            best = distance;
                            closest.clear();
                        }
                        if (distance == best) {
                            closest.add(id);
                        }
                    }
                }
                shared[id] = 0;
            }
            touched.clear();
            if (best <= edits && closest.size() <= MAX_AMBIGUOUS) {
                for (int id : closest) {
                    String text = texts.get(id);
                    double score = Math.min(FUZZY_CEILING, 1.0 - (double) best / Math.max(text.length(), phrase.text().length()));
                    if (score >= FUZZY_THRESHOLD) {
                        for (Value value : holders.get(id)) {
                            found.add(new Match(value, phrase, score, false));
                        }
                    }
                }
            }
        }
        found.sort(Comparator.comparingDouble((Match m) -> -m.score())
                .thenComparing(m -> -(m.phrase().last() - m.phrase().first()))
                .thenComparingInt(m -> order(m.value())));
        return found;
    }

    /** Typos a text of this length may hold: none below 5 characters, one up to 9, two from 10. */
    static int allowedEdits(String text) {
        int length = text.length();
        return length < 5 ? 0 : length < 10 ? 1 : 2;
    }

    private static boolean covered(boolean[] exactWord, Phrase phrase) {
        for (int i = phrase.first(); i <= phrase.last(); i++) {
            if (exactWord[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * A phrase may match fuzzily when it neither starts nor ends with a common word; a single word also when it
     * is neither a word of the schema's names nor an English word ({@link EnglishWords}).
     */
    private boolean fuzzyCandidate(Phrase phrase, List<ValueText.Token> tokens) {
        String first = tokens.get(phrase.first()).text();
        String last = tokens.get(phrase.last()).text();
        if (COMMON_WORDS.contains(first) || COMMON_WORDS.contains(last)) {
            return false;
        }
        if (phrase.first() == phrase.last()) {
            return !schemaWords.contains(first) && !schemaWords.contains(LinkingPolicy.singular(first))
                    && !EnglishWords.contains(first);
        }
        return true;
    }

    /** Values in the order they were read (table by table), for a stable output. */
    private int order(Value value) {
        return byText.getOrDefault(ValueText.normalize(value.value()), Integer.MAX_VALUE);
    }

    private static MatchedValue matched(String question, Match m) {
        return new MatchedValue(m.value().table(), m.value().column(), m.value().value(),
                question.substring(m.phrase().start(), m.phrase().end()), Math.round(m.score() * 1000) / 1000.0);
    }

    private static boolean isText(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        int paren = upper.indexOf('(');
        return TEXT_TYPES.contains((paren < 0 ? upper : upper.substring(0, paren)).strip());
    }

    /** A table as introspection names it: bare, or {@code schema.table} when the connection reads several schemas. */
    private static String quoteTable(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? quote(name) : quote(name.substring(0, dot)) + "." + quote(name.substring(dot + 1));
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
