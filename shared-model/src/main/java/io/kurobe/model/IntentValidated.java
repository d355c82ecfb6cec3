package io.kurobe.model;

import java.util.List;

/** Topic intent.validated: the question is answerable, rewritten to stand alone. */
public record IntentValidated(
        Envelope envelope,
        String question,
        String standaloneQuestion,
        IntentClass intentClass,
        List<String> entities,
        TimeRange timeRange,
        Clarification clarification,
        QuestionOptions options) implements Event {

    public IntentValidated {
        Require.present(envelope, "envelope");
        Require.text(standaloneQuestion, "standaloneQuestion");
        Require.present(intentClass, "intentClass");
        entities = Require.list(entities);
        if (options == null) {
            options = QuestionOptions.defaults();
        }
    }
}
