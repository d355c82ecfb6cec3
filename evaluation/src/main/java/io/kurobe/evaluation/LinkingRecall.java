package io.kurobe.evaluation;

import io.kurobe.model.LinkedTable;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How well linking kept what the gold SQL needs: a gold column is a column of the schema whose table and column
 * names both appear as identifiers in the gold SQL; recall is the share of them linking kept, and the schema kept
 * is the share of all columns it passed on.
 */
final class LinkingRecall {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private int goldColumns;
    private int goldKept;
    private long schemaColumns;
    private long keptColumns;

    /** @param schema every table of the database (lower-cased name) with its lower-cased column names */
    void add(String goldSql, Map<String, List<String>> schema, List<LinkedTable> linked) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(goldSql.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        Set<String> kept = new HashSet<>();
        for (LinkedTable table : linked) {
            for (String column : table.columns()) {
                kept.add(bare(table.name()) + "." + column.toLowerCase(Locale.ROOT));
            }
        }
        for (Map.Entry<String, List<String>> table : schema.entrySet()) {
            schemaColumns += table.getValue().size();
            if (!words.contains(bare(table.getKey()))) {
                continue;
            }
            for (String column : table.getValue()) {
                if (words.contains(column)) {
                    goldColumns++;
                    if (kept.contains(bare(table.getKey()) + "." + column)) {
                        goldKept++;
                    }
                }
            }
        }
        keptColumns += kept.size();
    }

    private static String bare(String table) {
        String lower = table.toLowerCase(Locale.ROOT);
        return lower.substring(lower.lastIndexOf('.') + 1);
    }

    double recall() {
        return goldColumns == 0 ? Double.NaN : (double) goldKept / goldColumns;
    }

    double kept() {
        return schemaColumns == 0 ? Double.NaN : (double) keptColumns / schemaColumns;
    }

    int goldColumns() {
        return goldColumns;
    }
}
