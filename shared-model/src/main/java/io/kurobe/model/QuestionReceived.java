package io.kurobe.model;

import java.util.List;

/** Topic question.received: a person or a batch job asked a question. */
public record QuestionReceived(
        Envelope envelope,
        String question,
        List<Turn> history,
        String asker,
        QuestionOptions options) implements Event {

    public QuestionReceived {
        Require.present(envelope, "envelope");
        Require.present(question, "question");
        history = Require.list(history);
        if (options == null) {
            options = QuestionOptions.defaults();
        }
    }
}
