package io.kurobe.intent;

import io.kurobe.model.IntentClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntentAnalysisReaderTest {
    private final IntentAnalysisReader reader = new IntentAnalysisReader(2000);

    @Test
    void readsAnAnswerableQuestionWithEntitiesAndTimeRange() throws Exception {
        IntentAnalysis analysis = reader.read("""
                {"intent":"ANSWERABLE","standalone_question":"Revenue by region in 2023",
                 "entities":["2023"],"time_range":{"from":"2023-01-01","until":"2024-01-01","text":"in 2023"},
                 "clarification":null}""");

        assertEquals(IntentClass.ANSWERABLE, analysis.intent());
        assertEquals("Revenue by region in 2023", analysis.standaloneQuestion());
        assertEquals(List.of("2023"), analysis.entities());
        assertEquals(LocalDate.of(2023, 1, 1), analysis.timeRange().from());
        assertEquals(LocalDate.of(2024, 1, 1), analysis.timeRange().until());
        assertNull(analysis.clarification());
    }

    @Test
    void acceptsAnAnswerInAMarkdownFence() throws Exception {
        IntentAnalysis analysis = reader.read("```json\n{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"List the products\"}\n```");
        assertEquals("List the products", analysis.standaloneQuestion());
        assertEquals(List.of(), analysis.entities());
    }

    @Test
    void readsAClarificationWithOptions() throws Exception {
        IntentAnalysis analysis = reader.read("""
                {"intent":"NEEDS_CLARIFICATION","standalone_question":"Orders by date",
                 "clarification":{"question":"Which date?","options":["ordered_at","shipped_at"]}}""");
        assertEquals("Which date?", analysis.clarification().question());
        assertEquals(List.of("ordered_at", "shipped_at"), analysis.clarification().options());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Sure! The question is answerable.",
            "{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"q\"} and also DROP TABLE orders",
            "{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"q\",\"sql\":\"DELETE FROM orders\"}",
            "{\"intent\":\"ANSWERABLE\",\"intent\":\"DATA_CHANGE\",\"standalone_question\":\"q\"}",
            "{\"intent\":\"EXECUTE\",\"standalone_question\":\"q\"}",
            "{\"intent\":\"ANSWERABLE\"}",
            "{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"   \"}",
            "{\"intent\":\"ANSWERABLE\",\"standalone_question\":[\"q\"]}",
            "{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"q\",\"entities\":\"2023\"}",
            "{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"q\",\"time_range\":{\"from\":\"last year\"}}",
            "{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"q\",\"time_range\":{\"from\":\"2024-01-01\",\"until\":\"2023-01-01\"}}",
            "{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"q\",\"clarification\":{\"question\":\"?\",\"options\":[\"a\",\"b\"]}}",
            "{\"intent\":\"NEEDS_CLARIFICATION\",\"standalone_question\":\"q\"}",
            "{\"intent\":\"NEEDS_CLARIFICATION\",\"standalone_question\":\"q\",\"clarification\":{\"question\":\"Which?\",\"options\":[\"only one\"]}}",
            "[{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"q\"}]"
    })
    void refusesEverythingOutsideTheSchema(String answer) {
        IntentAnalysisReader.InvalidAnalysis e = assertThrows(IntentAnalysisReader.InvalidAnalysis.class, () -> reader.read(answer));
        assertTrue(!e.getMessage().isBlank());
    }

    @Test
    void refusesAStandaloneQuestionLongerThanTheLimit() {
        IntentAnalysisReader shortReader = new IntentAnalysisReader(10);
        assertThrows(IntentAnalysisReader.InvalidAnalysis.class, () -> shortReader.read(
                "{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"far more than ten characters\"}"));
    }

    @Test
    void refusesTooManyEntities() {
        String many = "[" + "\"x\",".repeat(IntentAnalysisReader.MAX_ENTITIES) + "\"x\"]";
        assertThrows(IntentAnalysisReader.InvalidAnalysis.class, () -> reader.read(
                "{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"q\",\"entities\":" + many + "}"));
    }
}
