package io.kurobe.data.guard;

import java.util.Locale;

/** Identifier parts as the guard compares them: without quotes, in lower case. */
final class Names {
    private Names() {
    }

    static String unquote(String part) {
        String p = part.trim();
        if (p.length() >= 2 && (p.startsWith("\"") && p.endsWith("\"") || p.startsWith("`") && p.endsWith("`")
                || p.startsWith("[") && p.endsWith("]"))) {
            p = p.substring(1, p.length() - 1);
        }
        return p.toLowerCase(Locale.ROOT);
    }

    static boolean isQuoted(String part) {
        return part.startsWith("\"") || part.startsWith("`") || part.startsWith("[");
    }
}
