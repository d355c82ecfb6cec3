package io.kurobe.data.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lexical facts of SQL text, read without the parser (PostgreSQL's rules: nested block comments, dollar quotes,
 * E'' strings), so that SQL the parser cannot read still gets a precise reason: how many statements it holds and
 * what each starts with.
 */
final class StatementText {
    private StatementText() {
    }

    /** The statements of the text, comments removed, split at semicolons outside strings, quotes and comments. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end;
            if (c == ';') {
                add(out, current);
                current.setLength(0);
                i++;
                continue;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl;
                current.append(' ');
                continue;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                i = blockCommentEnd(sql, i);
                current.append(' ');
                continue;
            } else if (c == '\'' || c == '"' || c == '$') {
                end = skipQuoted(sql, i);
            } else {
                end = i + 1;
            }
            current.append(sql, i, end);
            i = end;
        }
        add(out, current);
        return out;
    }

    /** The deepest nesting of parentheses outside strings, quotes and comments. */
    static int parenthesisDepth(String sql) {
        int depth = 0;
        int deepest = 0;
        for (String statement : statements(sql)) {
            for (int i = 0; i < statement.length(); i++) {
                char c = statement.charAt(i);
                if (c == '\'' || c == '"' || c == '$') {
                    i = skipQuoted(statement, i) - 1;
                } else if (c == '(') {
                    deepest = Math.max(deepest, ++depth);
                } else if (c == ')') {
                    depth = Math.max(0, depth - 1);
                }
            }
        }
        return deepest;
    }

    /** The first word of a statement, in upper case ("" when it has none). */
    static String firstKeyword(String statement) {
        String trimmed = statement.replaceFirst("^[\\s(]+", "");
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }

    /** The text without the semicolons and blanks that end it. */
    static String withoutTrailingSemicolons(String sql) {
        int end = sql.length();
        while (end > 0 && (sql.charAt(end - 1) == ';' || Character.isWhitespace(sql.charAt(end - 1)))) {
            end--;
        }
        return sql.substring(0, end);
    }

    /** The end of the string, quoted identifier or dollar quote that starts at this index. */
    private static int skipQuoted(String sql, int start) {
        char c = sql.charAt(start);
        if (c == '$') {
            return dollarQuoteEnd(sql, start);
        }
        boolean escapes = c == '\'' && start > 0 && (sql.charAt(start - 1) == 'E' || sql.charAt(start - 1) == 'e');
        return quoteEnd(sql, start, c, escapes);
    }

    private static void add(List<String> out, StringBuilder statement) {
        String text = statement.toString().trim();
        if (!text.isEmpty()) {
            out.add(text);
        }
    }

    private static int blockCommentEnd(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int quoteEnd(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int dollarQuoteEnd(String sql, int start) {
        int tagEnd = start + 1;
        while (tagEnd < sql.length() && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
            tagEnd++;
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$' || Character.isDigit(sql.charAt(start + 1))) {
            return start + 1;
        }
        String tag = sql.substring(start, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }
}
