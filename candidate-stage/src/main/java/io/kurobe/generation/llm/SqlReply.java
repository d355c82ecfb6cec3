package io.kurobe.generation.llm;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the SQL out of a model's reply. The prompt ends in an open {@code ```sql} fence, so a reply is either
 * the query followed by the closing fence, or a fenced block, or a bare query. Anything that does not start as a
 * query (SELECT, WITH or a parenthesis) is free text and is never executed.
 */
public final class SqlReply {
    private static final Pattern FENCED = Pattern.compile("```[a-zA-Z]*[ \\t]*\\r?\\n?(.*?)```", Pattern.DOTALL);
    private static final Pattern QUERY_START = Pattern.compile("^(select\\b|with\\b|\\().*", Pattern.DOTALL);
    private static final Pattern LEADING_COMMENT = Pattern.compile("^(\\s*--[^\\n]*\\n|\\s*/\\*.*?\\*/)+", Pattern.DOTALL);

    private SqlReply() {
    }

    public static Optional<String> sql(String reply) {
        if (reply == null) {
            return Optional.empty();
        }
        String text = reply.strip();
        int fence = text.indexOf("```");
        String body;
        if (fence < 0) {
            body = text;
        } else if (fence > 0 && looksLikeQuery(text.substring(0, fence))) {
            body = text.substring(0, fence);
        } else {
            Matcher m = FENCED.matcher(text);
            if (!m.find()) {
                return Optional.empty();
            }
            body = m.group(1);
        }
        body = LEADING_COMMENT.matcher(body.strip()).replaceFirst("").strip();
        while (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).strip();
        }
        return looksLikeQuery(body) ? Optional.of(body) : Optional.empty();
    }

    private static boolean looksLikeQuery(String text) {
        return QUERY_START.matcher(text.strip().toLowerCase(Locale.ROOT)).matches();
    }
}
