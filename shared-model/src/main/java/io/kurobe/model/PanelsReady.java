package io.kurobe.model;

import java.time.Instant;
import java.util.List;

/**
 * Topic panels.ready: the answer's panels, or the error the user should see. {@code cachedAt} is when the
 * result was first computed when it came from the query cache, and absent when it was computed for this question.
 */
public record PanelsReady(
        Envelope envelope,
        String question,
        String sql,
        List<Panel> panels,
        Failure error,
        boolean offline,
        Instant cachedAt) implements Event {

    public PanelsReady {
        Require.present(envelope, "envelope");
        panels = Require.list(panels);
        if (panels.isEmpty() && error == null) {
            throw new InvalidEventException("panels.ready needs panels or an error");
        }
    }

    /** An answer computed for this question, or an error. */
    public PanelsReady(Envelope envelope, String question, String sql, List<Panel> panels, Failure error,
                       boolean offline) {
        this(envelope, question, sql, panels, error, offline, null);
    }
}
