package io.kurobe.intent;

import io.kurobe.model.Clarification;
import io.kurobe.model.IntentClass;
import io.kurobe.model.TimeRange;

import java.util.List;

/**
 * What the intent role's model says of a question, after {@link IntentAnalysisReader} checked its
 * JSON against this shape: the class, the question rewritten to stand alone, the literal values it
 * names, its time range, and for an ambiguous question a clarifying question with options.
 */
public record IntentAnalysis(
        IntentClass intent,
        String standaloneQuestion,
        List<String> entities,
        TimeRange timeRange,
        Clarification clarification) {

    public IntentAnalysis {
        entities = List.copyOf(entities);
    }
}
