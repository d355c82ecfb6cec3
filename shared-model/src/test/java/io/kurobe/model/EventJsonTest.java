package io.kurobe.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJsonTest {
    private final Envelope envelope = new Envelope("q-1", "t-1", null, "demo", null,
            Instant.parse("2026-01-02T03:04:05Z"), null, 0);

    @Test
    void roundTripsQuestionReceived() {
        QuestionReceived event = new QuestionReceived(envelope, "How many orders?", List.of(), "ann", null);
        String json = EventJson.write(event);
        assertTrue(json.contains("\"occurredAt\":\"2026-01-02T03:04:05Z\""), json);
        assertEquals(event, EventJson.read(json, QuestionReceived.class));
    }

    @Test
    void envelopeDefaultsConversationDeadlineAndAttempt() {
        assertEquals("q-1", envelope.conversationId());
        assertEquals(Instant.parse("2026-01-02T03:06:05Z"), envelope.deadline());
        assertEquals(1, envelope.attempt());
    }

    @Test
    void rejectsMissingQuestionIdNamingTheField() {
        String json = "{\"envelope\":{\"tenantId\":\"t\",\"connectionId\":\"c\"},\"question\":\"x\"}";
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventJson.read(json, QuestionReceived.class));
        assertTrue(e.getMessage().contains("envelope.questionId is required"), e.getMessage());
    }

    @Test
    void rejectsGarbageAsInvalidJson() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventJson.read("\u0000\u00ffgarbage", QuestionProgress.class));
        assertTrue(e.getMessage().startsWith("QuestionProgress: not valid JSON"), e.getMessage());
    }

    @Test
    void panelsReadyNeedsPanelsOrAnError() {
        assertThrows(InvalidEventException.class,
                () -> new PanelsReady(envelope, "q", null, List.of(), null, true));
    }

    @Test
    void ignoresUnknownFieldsSoProducersCanBeNewer() {
        String json = "{\"envelope\":{\"questionId\":\"q\",\"tenantId\":\"t\",\"connectionId\":\"c\"},"
                + "\"question\":\"x\",\"extra\":42}";
        assertEquals("x", EventJson.read(json, QuestionReceived.class).question());
    }
}
