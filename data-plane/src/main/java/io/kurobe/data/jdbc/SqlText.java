package io.kurobe.data.jdbc;

import java.util.Locale;

/** Small lexical facts about a SQL text, read without a parser. */
public final class SqlText {
    private SqlText() {
    }

    /** True when the statement's outermost query has an ORDER BY (not one inside parentheses, strings or comments). */
    public static boolean hasTopLevelOrderBy(String sql) {
        String code = blankLiteralsAndComments(sql).toUpperCase(Locale.ROOT);
        StringBuilder topLevel = new StringBuilder(code.length());
        int depth = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
                topLevel.append(' ');
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                topLevel.append(' ');
            } else {
                topLevel.append(depth == 0 ? c : ' ');
            }
        }
        return topLevel.toString().matches("(?s).*\\bORDER\\s+BY\\b.*");
    }

    /** Replaces string literals, quoted identifiers and comments with spaces, keeping positions. */
    static String blankLiteralsAndComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = closingQuote(sql, i, c);
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                end = nl < 0 ? sql.length() : nl;
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                end = close < 0 ? sql.length() : close + 2;
            } else {
                out.append(c);
                i++;
                continue;
            }
            out.append(" ".repeat(end - i));
            i = end;
        }
        return out.toString();
    }

    private static int closingQuote(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** A double-quoted SQL identifier, as PostgreSQL, DuckDB and SQLite read it. */
    public static String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
