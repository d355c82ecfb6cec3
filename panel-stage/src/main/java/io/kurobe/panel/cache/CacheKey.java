package io.kurobe.panel.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Redis key of one query's result: tenant, connection, schema fingerprint, row cap and normalized SQL, hashed.
 * Normalizing never merges two texts that could give different results: it only collapses whitespace between
 * tokens and drops one trailing semicolon, copies string literals, quoted identifiers and line comments as they
 * are, and leaves the text exactly as written when it holds anything a simple scanner could misread (block
 * comments, dollar signs, backticks, backslashes in literals, an unterminated quote).
 */
public final class CacheKey {
    public static final String PREFIX = "kurobe:cache:";

    private CacheKey() {
    }

    public static String of(String tenantId, String connectionId, String schemaFingerprint, int rowCap, String sql) {
        StringBuilder parts = new StringBuilder();
        for (String part : new String[] {tenantId, connectionId, schemaFingerprint, Integer.toString(rowCap), normalize(sql)}) {
            // length-prefixed, so no choice of values can shift text from one part into the next
            parts.append(part.length()).append(':').append(part).append('\n');
        }
        return PREFIX + sha256(parts.toString());
    }

    static String normalize(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        boolean pendingSpace = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (isSpace(c)) {
                pendingSpace = true;
                i++;
                continue;
            }
            if (c == '$' || c == '`' || (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*')) {
                return sql;
            }
            if (pendingSpace && out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append(' ');
            }
            pendingSpace = false;
            int end;
            if (c == '\'' || c == '"') {
                end = sql.indexOf(c, i + 1);
                if (end < 0 || (c == '\'' && sql.substring(i, end).indexOf('\\') >= 0)) {
                    return sql;
                }
                end++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int newline = sql.indexOf('\n', i);
                end = newline < 0 ? n : newline + 1;
                // the comment ends at its line, so its newline stays a newline
                out.append(sql, i, newline < 0 ? n : newline).append('\n');
                i = end;
                continue;
            } else {
                end = i + 1;
            }
            out.append(sql, i, end);
            i = end;
        }
        int last = out.length() - 1;
        if (last >= 0 && out.charAt(last) == ';') {
            out.setLength(last);
            while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
        }
        return out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
