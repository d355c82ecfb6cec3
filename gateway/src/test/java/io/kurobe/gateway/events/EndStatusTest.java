package io.kurobe.gateway.events;

import io.kurobe.model.Envelope;
import io.kurobe.model.Failure;
import io.kurobe.model.Panel;
import io.kurobe.model.PanelColumn;
import io.kurobe.model.PanelKind;
import io.kurobe.model.PanelsReady;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EndStatusTest {
    private static final Envelope ENVELOPE = new Envelope("q-1", "demo", null, "demo", null, null, null, 1);

    private static PanelsReady error(String code) {
        return new PanelsReady(ENVELOPE, null, null, List.of(), new Failure(code, "a sentence"), false);
    }

    @Test
    void panelsEndDoneErrorsEndFailedAndAQuestionBackKeepsAwaitingItsAsker() {
        Panel kpi = new Panel(PanelKind.KPI, "n", "SELECT 1", List.of(new PanelColumn("n", "INTEGER")),
                List.of(List.of(1)), false, null, List.of("n"));
        assertEquals("DONE", EventStore.endStatus(new PanelsReady(ENVELOPE, "q", "SELECT 1", List.of(kpi), null, true)));
        assertEquals("FAILED", EventStore.endStatus(error("DATA_CHANGE")));
        assertEquals("NEEDS_CLARIFICATION", EventStore.endStatus(error(Failure.NEEDS_CLARIFICATION)));
    }
}
