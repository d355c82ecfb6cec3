package io.kurobe.intent;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds requests to change data: SQL that writes or changes structure, or a sentence that tells
 * Kurobe to delete, update, insert, drop… A question about changes ("How many orders were
 * updated in 2024?", "Which customers dropped off?") is a read and passes.
 */
final class DataChangeRequest {
    /**
     * What "truncate" means in an analytics question's guidance ("truncate date to month", "truncate the
     * timestamps to the day", "truncate values to 2 decimals"): shaping a value, not emptying a table.
     */
    private static final String TRUNCATED_VALUE = "(?:the\\s+|each\\s+|all\\s+)?(?:dates?|times?|timestamps?|datetimes?"
            + "|years?|quarters?|months?|weeks?|days?|hours?|minutes?|seconds?|values?|numbers?|decimals?|digits?"
            + "|results?|amounts?|prices?|text|strings?|names?|titles?|descriptions?|to)\\b";
    private static final Pattern TRUNCATED_VALUE_START = Pattern.compile(TRUNCATED_VALUE);

    /** A writing SQL statement where a statement can start: the text's start or after ; : or a quote. */
    private static final Pattern WRITING_SQL = Pattern.compile(
            "(?:^|[;:\\n`'\"(])\\s*(insert\\s+into|upsert\\s+into|merge\\s+into|delete\\s+from"
                    + "|update\\s+[\\w.\"]+\\s+set|truncate(?:\\s+table)?\\s+(?!" + TRUNCATED_VALUE + ")[\\w.\"]+"
                    + "|(?:drop|create(?:\\s+or\\s+replace)?|alter)\\s+(?:table|view|schema|database|index|sequence|function|user|role)"
                    + "|grant\\s+[\\w\\s,]+\\s+on|revoke\\s+[\\w\\s,]+\\s+(?:on|from)|copy\\s+[\\w.\"]+\\s+(?:from|to))\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern CLAUSES = Pattern.compile("[.;!?\\n]+|,\\s*|\\s+(?:and\\s+then|and|then)\\s+");

    private static final Pattern POLITE_START = Pattern.compile(
            "^(?:and then|then|and|please|kindly|now|just|also|go ahead and|can you|could you|would you|will you|can we|could we"
                    + "|is it possible to|i want you to|i want to|i'd like you to|i'd like to|i would like you to"
                    + "|i would like to|i need you to|i need to|we need to|let's|let us|help me|try to|you should|you must)\\s+");

    /** Verbs that change data whatever follows them when they open a sentence. */
    private static final Set<String> CHANGING = Set.of("delete", "drop", "update", "insert", "truncate", "alter",
            "grant", "revoke", "remove", "modify", "wipe", "erase", "purge", "destroy", "overwrite", "upsert");

    /** Verbs that change data only when they name a data object or a new value ("set x to y"). */
    private static final Set<String> CHANGING_WHEN_OBJECT = Set.of("create", "add", "change", "set", "edit",
            "rename", "reset", "clear", "replace", "append", "move", "put", "save", "store", "write", "load",
            "import", "mark", "fix");

    private static final Pattern DATA_OBJECT = Pattern.compile(
            "\\b(?:tables?|columns?|rows?|records?|entry|entries|database|schema|index|views?|fields?|users?|roles?"
                    + "|permissions?|new)\\b|\\b(?:to|as|into)\\b\\s+\\S");

    private DataChangeRequest() {
    }

    /** Why the question asks to change data, or empty when it only reads. */
    static Optional<String> find(String question) {
        Matcher sql = WRITING_SQL.matcher(question);
        if (sql.find()) {
            String statement = sql.group(1).split("\\s+")[0].toUpperCase(Locale.ROOT);
            return Optional.of("the question contains a " + statement + " statement, which would change the database");
        }
        for (String clause : CLAUSES.split(question.toLowerCase(Locale.ROOT))) {
            Optional<String> verb = changingVerb(clause.strip());
            if (verb.isPresent()) {
                return Optional.of("\"" + verb.get() + "\" asks to change the data");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> changingVerb(String clause) {
        String rest = clause;
        Matcher polite = POLITE_START.matcher(rest);
        while (polite.find()) {
            rest = rest.substring(polite.end());
            polite = POLITE_START.matcher(rest);
        }
        String[] words = rest.split("\\s+", 2);
        String verb = words[0];
        String object = words.length > 1 ? words[1] : "";
        if (verb.equals("truncate") && TRUNCATED_VALUE_START.matcher(object).lookingAt()) {
            return Optional.empty();
        }
        if (CHANGING.contains(verb) && !(verb.equals("drop") && object.startsWith("off"))) {
            return Optional.of(verb);
        }
        if (CHANGING_WHEN_OBJECT.contains(verb) && DATA_OBJECT.matcher(object).find()) {
            return Optional.of(verb);
        }
        return Optional.empty();
    }
}
