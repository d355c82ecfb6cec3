package io.kurobe.model;

import java.util.List;

/** Topic candidate.selected: the SQL that answers the question and why it was chosen. */
public record CandidateSelected(
        Envelope envelope,
        String question,
        String dialect,
        String schemaFingerprint,
        Candidate chosen,
        SelectionMethod method,
        double voteShare,
        double confidence,
        String reasoning,
        List<Candidate> runnersUp,
        QuestionOptions options) implements Event {

    public CandidateSelected {
        Require.present(envelope, "envelope");
        Require.text(question, "question");
        Require.present(chosen, "chosen");
        Require.present(method, "method");
        runnersUp = Require.list(runnersUp);
        if (options == null) {
            options = QuestionOptions.defaults();
        }
    }
}
