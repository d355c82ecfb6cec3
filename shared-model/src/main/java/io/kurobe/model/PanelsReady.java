package io.kurobe.model;

import java.util.List;

/** Topic panels.ready: the answer's panels, or the error the user should see. */
public record PanelsReady(
        Envelope envelope,
        String question,
        String sql,
        List<Panel> panels,
        Failure error,
        boolean offline) implements Event {

    public PanelsReady {
        Require.present(envelope, "envelope");
        panels = Require.list(panels);
        if (panels.isEmpty() && error == null) {
            throw new InvalidEventException("panels.ready needs panels or an error");
        }
    }
}
