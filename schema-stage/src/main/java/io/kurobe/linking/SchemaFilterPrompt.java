package io.kurobe.linking;

import io.kurobe.llm.Prompt;
import io.kurobe.model.MatchedValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The schema-filter role's prompt, as XiYan's schema filter asks it: fixed instructions from
 * schema-filter-system-prompt.txt, then the question, the values of the database it says, and the candidate
 * M-Schema, each between markers.
 */
final class SchemaFilterPrompt {
    private static final String SYSTEM = load("schema-filter-system-prompt.txt");

    private SchemaFilterPrompt() {
    }

    static Prompt of(String question, String candidateMSchema, List<MatchedValue> values) {
        StringBuilder user = new StringBuilder("<<<QUESTION\n").append(data(question)).append("\nQUESTION>>>\n");
        if (!values.isEmpty()) {
            user.append("<<<VALUES\n");
            for (MatchedValue value : values) {
                user.append(value.table()).append('.').append(value.column()).append(" = ").append(data(value.value()))
                        .append(" (the question says \"").append(data(value.matchedText())).append("\")\n");
            }
            user.append("VALUES>>>\n");
        }
        user.append("<<<SCHEMA\n").append(data(candidateMSchema)).append("\nSCHEMA>>>");
        return new Prompt(SYSTEM, user.toString(), true);
    }

    /** Text from the asker or the database cannot close the markers around it and pose as instructions. */
    private static String data(String text) {
        return text.strip().replace("<<<", "< < <").replace(">>>", "> > >");
    }

    private static String load(String name) {
        try (InputStream in = SchemaFilterPrompt.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the schema-filter prompt " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
