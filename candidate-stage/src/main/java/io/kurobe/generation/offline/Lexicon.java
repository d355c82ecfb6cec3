package io.kurobe.generation.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Words as the engine compares them: lower-cased, made singular, abbreviations of identifiers spelled out
 * ({@code num} is number, {@code cust} customer), identifiers split on underscores and case changes.
 */
final class Lexicon {
    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("num", "number"), Map.entry("nbr", "number"), Map.entry("cnt", "count"),
            Map.entry("qty", "quantity"), Map.entry("amt", "amount"), Map.entry("desc", "description"),
            Map.entry("addr", "address"), Map.entry("dt", "date"), Map.entry("ts", "timestamp"),
            Map.entry("cust", "customer"), Map.entry("tx", "transaction"), Map.entry("txn", "transaction"),
            Map.entry("dept", "department"), Map.entry("yr", "year"), Map.entry("pct", "percent"),
            Map.entry("avg", "average"), Map.entry("people", "person"), Map.entry("children", "child"),
            Map.entry("men", "man"), Map.entry("women", "woman"), Map.entry("ccy", "currency"),
            Map.entry("emp", "employee"), Map.entry("mgr", "manager"), Map.entry("info", "information"),
            Map.entry("salespeople", "salesperson"), Map.entry("sold", "sale"), Map.entry("sell", "sale"), Map.entry("selling", "sale"), Map.entry("closing", "close"), Map.entry("rated", "rating"), Map.entry("opening", "open"),
            Map.entry("bought", "buy"));
    /** Words that carry no meaning for mapping a phrase to the schema. */
    static final Set<String> STOP = Set.of("the", "a", "an", "of", "in", "on", "for", "to", "and", "or", "is", "are",
            "was", "were", "be", "been", "by", "with", "from", "at", "as", "that", "this", "these", "those", "which",
            "what", "who", "whom", "whose", "how", "do", "doe", "does", "did", "have", "has", "had", "their", "its", "his",
            "her", "they", "them", "it", "me", "i", "we", "our", "you", "your", "all", "each", "every", "any", "there",
            "per", "than", "into", "give", "return", "show", "list", "tell", "find", "get", "also", "both", "if", "when",
            "where", "between", "after", "before", "since", "during", "within", "up", "out", "over", "under", "only",
            "just", "can", "will", "would", "should", "could", "ha", "wa", "s");

    private Lexicon() {
    }

    /** The canonical form of one word. */
    static String stem(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        String canonical = CANONICAL.get(w);
        if (canonical != null) {
            return canonical;
        }
        String single = singular(w);
        return CANONICAL.getOrDefault(single, single);
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

    /** The raw lower-case words of a text, letters and digits only. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Word endings a glued identifier is split before: {@code authorname} is author name. */
    private static final List<String> SUFFIXES = List.of("name", "id", "date", "time", "type", "code", "count",
            "number", "num", "amount", "price", "status", "year", "key");
    private static final List<String> PREFIXES = List.of("num", "total", "avg", "max", "min");
    private static final Set<String> WHOLE = Set.of("valid", "rapid", "humid", "liquid", "solid", "acid", "avid",
            "vivid", "fluid", "hybrid", "orchid", "pyramid", "squid", "candid", "timid", "lucid", "druid", "david",
            "paid", "said", "raid", "maid", "void", "avoid", "named", "rename", "surname", "nickname", "username",
            "datetime", "daytime", "runtime", "lifetime", "overtime", "anytime", "uptime", "downtime", "onetime",
            "realtime", "mealtime", "bedtime", "keyword", "account", "discount", "viscount", "minute", "minimum",
            "maximum", "minor", "mint", "maxim", "numb", "number", "totally", "average", "subtype", "prototype",
            "genotype", "phenotype", "stereotype", "barcode", "zipcode", "postcode", "unicode", "decode", "encode",
            "episode", "monkey", "donkey", "turkey", "jockey", "hockey", "whiskey", "yearly", "midyear", "leapyear");

    /** An identifier's canonical words: split on underscores, digits, case changes and known glued endings. */
    static List<String> identifier(String name) {
        String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ');
        List<String> out = new ArrayList<>();
        for (String w : words(spaced)) {
            for (String part : unglue(w)) {
                out.add(stem(part));
            }
        }
        return out;
    }

    /** {@code authorname} → author, name; {@code numciting} → num, citing; a word that is English stays. */
    static List<String> unglue(String word) {
        if (WHOLE.contains(word) || CANONICAL.containsKey(word)) {
            return List.of(word);
        }
        for (String p : PREFIXES) {
            if (word.startsWith(p) && word.length() >= p.length() + 3) {
                List<String> out = new ArrayList<>();
                out.add(p);
                out.addAll(unglue(word.substring(p.length())));
                return out;
            }
        }
        for (String suffix : SUFFIXES) {
            if (word.endsWith(suffix) && word.length() >= suffix.length() + 3) {
                List<String> out = new ArrayList<>(unglue(word.substring(0, word.length() - suffix.length())));
                out.add(suffix);
                return out;
            }
        }
        return List.of(word);
    }

    /** The canonical words of a text without stop words. */
    static List<String> content(String text) {
        List<String> out = new ArrayList<>();
        for (String w : words(text)) {
            String s = stem(w);
            if (!STOP.contains(s) && !STOP.contains(w)) {
                out.add(s);
            }
        }
        return out;
    }
}
