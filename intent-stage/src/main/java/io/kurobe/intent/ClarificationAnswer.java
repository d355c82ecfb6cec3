package io.kurobe.intent;

import io.kurobe.model.QuestionReceived;
import io.kurobe.model.Turn;

import java.util.List;
import java.util.Optional;

/**
 * A question that answers Kurobe's question back: the conversation's last turn asked for clarification. Without a
 * model the answer joins the original question, which then stands alone ("How many orders per month by date?" and
 * "the ship date" become "How many orders per month by date (the ship date)?").
 */
final class ClarificationAnswer {
    private ClarificationAnswer() {
    }

    static Optional<String> standalone(QuestionReceived received) {
        List<Turn> history = received.history();
        if (history.isEmpty() || history.get(history.size() - 1).clarification() == null) {
            return Optional.empty();
        }
        String original = history.get(history.size() - 1).question().strip();
        String answer = received.question().strip().replaceAll("[.?!]+$", "");
        String end = original.endsWith("?") ? "?" : "";
        String bare = original.replaceAll("[.?!]+$", "");
        return Optional.of(bare + " (" + answer + ")" + end);
    }
}
