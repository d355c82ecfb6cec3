package io.kurobe.intent;

import io.kurobe.llm.Prompt;
import io.kurobe.model.QuestionReceived;
import io.kurobe.model.Turn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The intent role's prompt: fixed instructions from intent-system-prompt.txt, the question and history as marked data. */
final class IntentPrompt {
    private static final String SYSTEM = load("intent-system-prompt.txt");
    private static final int HISTORY_TURNS = 5;

    private IntentPrompt() {
    }

    static Prompt of(QuestionReceived received) {
        StringBuilder user = new StringBuilder();
        int first = Math.max(0, received.history().size() - HISTORY_TURNS);
        if (first < received.history().size()) {
            user.append("<<<CONVERSATION\n");
            for (Turn turn : received.history().subList(first, received.history().size())) {
                user.append("Q: ").append(data(turn.question())).append('\n');
                if (turn.sql() != null && !turn.sql().isBlank()) {
                    user.append("SQL: ").append(data(turn.sql())).append('\n');
                }
                if (turn.clarification() != null) {
                    user.append("ASKED BACK: ").append(data(turn.clarification().question()));
                    if (!turn.clarification().options().isEmpty()) {
                        user.append(" OPTIONS: ").append(data(String.join(" | ", turn.clarification().options())));
                    }
                    user.append('\n');
                }
            }
            user.append("CONVERSATION>>>\n");
        }
        user.append("<<<QUESTION\n").append(data(received.question())).append("\nQUESTION>>>");
        return new Prompt(SYSTEM, user.toString(), true);
    }

    /** Asker's text cannot close the markers around it and pose as instructions. */
    private static String data(String text) {
        return text.strip().replace("<<<", "< < <").replace(">>>", "> > >");
    }

    private static String load(String name) {
        try (InputStream in = IntentPrompt.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the intent prompt " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
