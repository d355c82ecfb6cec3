package io.kurobe.intent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The literal values a question names: quoted strings, then numbers outside quotes. */
final class Entities {
    private static final Pattern QUOTED = Pattern.compile(
            "(?<!\\w)'([^']+)'(?!\\w)|\"([^\"]+)\"|\u201c([^\u201d]+)\u201d|\u2018([^\u2019]+)\u2019");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d+)?(?![\\w]|\\.\\d)");

    private Entities() {
    }

    static List<String> of(String question) {
        Set<String> found = new LinkedHashSet<>();
        StringBuilder unquoted = new StringBuilder();
        Matcher quoted = QUOTED.matcher(question);
        while (quoted.find()) {
            for (int group = 1; group <= quoted.groupCount(); group++) {
                if (quoted.group(group) != null && !quoted.group(group).isBlank()) {
                    found.add(quoted.group(group).strip());
                }
            }
            quoted.appendReplacement(unquoted, " ");
        }
        quoted.appendTail(unquoted);
        Matcher number = NUMBER.matcher(unquoted);
        while (number.find()) {
            found.add(number.group());
        }
        return new ArrayList<>(found);
    }
}
