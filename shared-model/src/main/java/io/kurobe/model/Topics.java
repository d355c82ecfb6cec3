package io.kurobe.model;

import java.util.List;

/** The Kafka topics of the pipeline, in the order a question travels them. */
public final class Topics {
    public static final String QUESTION_RECEIVED = "question.received";
    public static final String INTENT_VALIDATED = "intent.validated";
    public static final String SCHEMA_LINKED = "schema.linked";
    public static final String CANDIDATES_GENERATED = "candidates.generated";
    public static final String CANDIDATE_SELECTED = "candidate.selected";
    public static final String PANELS_READY = "panels.ready";
    public static final String QUESTION_PROGRESS = "question.progress";
    /**
     * Confirmed and loaded examples ({@link QueryExample}), compacted ({@code cleanup.policy=compact}) and keyed by
     * {@link QueryExample#key()}: not a pipeline topic, so not in {@link #ALL}; every candidate-stage replica reads
     * it whole from the beginning.
     */
    public static final String EXAMPLES = "examples";

    /** Topics that a stage consumes, each with a dead-letter topic beside it. */
    public static final List<String> PIPELINE = List.of(
            QUESTION_RECEIVED, INTENT_VALIDATED, SCHEMA_LINKED, CANDIDATES_GENERATED,
            CANDIDATE_SELECTED, PANELS_READY);

    public static final List<String> ALL = List.of(
            QUESTION_RECEIVED, INTENT_VALIDATED, SCHEMA_LINKED, CANDIDATES_GENERATED,
            CANDIDATE_SELECTED, PANELS_READY, QUESTION_PROGRESS);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
