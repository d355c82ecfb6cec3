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
    void candidatesCarryTheirRefineRoundsAndReadWithoutThem() {
        Candidate refined = new Candidate("SELECT name FROM customers", "xiyan", 1, ExecutionOutcome.success(5, "fp", 3),
                List.of(new RefineRound("SELECT name FROM clients", "The query failed: no table clients")));
        CandidatesGenerated event = new CandidatesGenerated(envelope, "Who are the customers?", "duckdb", "m", "fp",
                List.of(refined), null);
        assertEquals(event, EventJson.read(EventJson.write(event), CandidatesGenerated.class));

        String older = "{\"envelope\":{\"questionId\":\"q\",\"tenantId\":\"t\",\"connectionId\":\"c\"},"
                + "\"question\":\"x\",\"candidates\":[{\"sql\":\"SELECT 1\",\"generator\":\"simple\","
                + "\"refineRounds\":0,\"outcome\":{\"ok\":true,\"rowCount\":1}}]}";
        assertEquals(List.of(), EventJson.read(older, CandidatesGenerated.class).candidates().get(0).refinements());
    }

    @Test
    void ignoresUnknownFieldsSoProducersCanBeNewer() {
        String json = "{\"envelope\":{\"questionId\":\"q\",\"tenantId\":\"t\",\"connectionId\":\"c\"},"
                + "\"question\":\"x\",\"extra\":42}";
        assertEquals("x", EventJson.read(json, QuestionReceived.class).question());
    }

    @Test
    void progressCarriesModelUsageAndReadsWithoutIt() {
        ModelUsage usage = ModelUsage.call("intent", 312, 45).plus(ModelUsage.call("refiner", 100, 20))
                .plus(ModelUsage.call("intent", 10, 5));
        QuestionProgress done = new QuestionProgress(envelope, Stage.INTENT, ProgressStatus.DONE, "answerable", 12,
                null, usage);
        String json = EventJson.write(done);
        assertTrue(json.contains("\"usage\":{\"calls\":3,\"tokensIn\":422,\"tokensOut\":70,\"byRole\":{"
                + "\"intent\":{\"calls\":2,\"tokensIn\":322,\"tokensOut\":50},"
                + "\"refiner\":{\"calls\":1,\"tokensIn\":100,\"tokensOut\":20}}}"), json);
        assertEquals(done, EventJson.read(json, QuestionProgress.class));

        String older = json.substring(0, json.indexOf(",\"usage\"")) + "}";
        assertEquals(null, EventJson.read(older, QuestionProgress.class).usage());
    }

    @Test
    void aTurnMayCarryTheClarificationAskedInIt() {
        QuestionReceived answer = new QuestionReceived(envelope, "the order date", List.of(
                new Turn("How many orders in 2024?", null, new Clarification("Which date?", List.of("order date",
                        "ship date")))), "ann", null);
        QuestionReceived read = EventJson.read(EventJson.write(answer), QuestionReceived.class);
        assertEquals(answer, read);
        assertEquals(List.of("order date", "ship date"), read.history().get(0).clarification().options());
        String plain = "{\"envelope\":{\"questionId\":\"q\",\"tenantId\":\"t\",\"connectionId\":\"c\"},"
                + "\"question\":\"and in 2023?\",\"history\":[{\"question\":\"How many orders?\",\"sql\":\"SELECT 1\"}]}";
        assertEquals(new Turn("How many orders?", "SELECT 1"), EventJson.read(plain, QuestionReceived.class).history().get(0));
    }
}
