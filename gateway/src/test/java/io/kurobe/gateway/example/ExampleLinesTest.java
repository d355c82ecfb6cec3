package io.kurobe.gateway.example;

import io.kurobe.gateway.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExampleLinesTest {

    @Test
    void readsTheBenchmarksLayoutAndNumbersPhysicalLines() {
        List<ExampleLines.Line> lines = ExampleLines.parse("""
                {"db_id": "shop", "question": " How many orders? ", "gold_sql": "SELECT count(*) FROM orders"}

                {"question": "Names", "query": "SELECT name FROM customers", "db_id": 7}\r
                {"question": "Both", "sql": "SELECT 1", "gold_sql": "SELECT 2"}
                """);
        assertEquals(List.of(1, 3, 4), lines.stream().map(ExampleLines.Line::number).toList());
        assertEquals("How many orders?", lines.get(0).question());
        assertEquals("SELECT count(*) FROM orders", lines.get(0).sql());
        assertEquals("shop", lines.get(0).dbId());
        assertEquals("SELECT name FROM customers", lines.get(1).sql());
        assertEquals("7", lines.get(1).dbId());
        assertEquals("SELECT 2", lines.get(2).sql(), "gold_sql comes first");
    }

    @Test
    void anUnreadableOrIncompleteLineIsRefusedAloneWithItsReason() {
        List<ExampleLines.Line> lines = ExampleLines.parse("""
                {"question": "cut off
                {"question": "two objects", "sql": "SELECT 1"} {"question": "x", "sql": "SELECT 2"}
                ["question", "SELECT 1"]
                {"sql": "SELECT 1"}
                {"question": "no sql", "gold_sql": "  "}
                {"question": "fine", "sql": "SELECT 1"}
                """);
        assertEquals(6, lines.size());
        assertTrue(lines.get(0).problem().startsWith("not a JSON object"), lines.get(0).problem());
        assertTrue(lines.get(1).problem().startsWith("not a JSON object"), lines.get(1).problem());
        assertTrue(lines.get(2).problem().startsWith("not a JSON object"), lines.get(2).problem());
        assertEquals("no 'question'", lines.get(3).problem());
        assertTrue(lines.get(4).problem().startsWith("no SQL"), lines.get(4).problem());
        assertTrue(lines.get(5).readable());
        assertFalse(lines.get(4).readable());
        assertNull(lines.get(5).dbId());
    }

    @Test
    void aJsonArrayIsNumberedByPositionButMustBeReadableWhole() {
        List<ExampleLines.Line> lines = ExampleLines.parse(
                " [{\"question\": \"a\", \"sql\": \"SELECT 1\"}, \"b\", {\"question\": \"c\", \"sql\": \"SELECT 3\"}]");
        assertEquals(List.of(1, 2, 3), lines.stream().map(ExampleLines.Line::number).toList());
        assertFalse(lines.get(1).readable());
        assertEquals("c", lines.get(2).question());

        assertThrows(ProblemException.class, () -> ExampleLines.parse("[{\"question\": \"a\""));
        assertThrows(ProblemException.class, () -> ExampleLines.parse(" \n "));
    }
}
