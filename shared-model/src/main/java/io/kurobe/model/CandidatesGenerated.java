package io.kurobe.model;

import java.util.List;

/** Topic candidates.generated: every candidate SQL of the question, executed. */
public record CandidatesGenerated(
        Envelope envelope,
        String question,
        String dialect,
        String mschema,
        String schemaFingerprint,
        List<Candidate> candidates,
        QuestionOptions options) implements Event {

    public CandidatesGenerated {
        Require.present(envelope, "envelope");
        Require.text(question, "question");
        candidates = Require.list(candidates);
        if (options == null) {
            options = QuestionOptions.defaults();
        }
    }
}
