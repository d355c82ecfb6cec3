package io.kurobe.data.mschema;

import io.kurobe.data.ColumnInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MSchemaRulesTest {
    @Test
    void cutsTheTypeAtTheParenthesisAndUpperCasesIt() {
        assertEquals("VARCHAR", MSchema.type("varchar(100)"));
        assertEquals("DECIMAL", MSchema.type("DECIMAL(10,2)"));
        assertEquals("TIMESTAMP WITH TIME ZONE", MSchema.type("timestamp with time zone"));
    }

    @Test
    void putsCommentThenPrimaryKeyThenExamples() {
        assertEquals("(id:INTEGER, row id, Primary Key, Examples: [1, 2, 3])",
                MSchema.field(new ColumnInfo("id", "INTEGER", " row id ", true, List.of("1", "2", "3", "4")), List.of()));
    }

    @Test
    void showsOneExampleOfADateOrTime() {
        assertEquals(List.of("2024-01-03"), MSchema.examples("DATE", List.of(), List.of("2024-01-03", "2024-01-04")));
        assertEquals(List.of("10:00:00+01:00"), MSchema.examples("TIME WITH TIME ZONE", List.of(),
                List.of("10:00:00+01:00", "11:00:00+01:00")));
    }

    @Test
    void longValuesShowOneOrNone() {
        String medium = "m".repeat(21);
        assertEquals(List.of("a"), MSchema.examples("VARCHAR", List.of(), List.of("a", medium)));
        assertEquals(List.of(), MSchema.examples("VARCHAR", List.of(), List.of("a", "l".repeat(51))));
        assertEquals(List.of("a", "b", "c"), MSchema.examples("VARCHAR", List.of(), List.of("a", "b", "c", "l".repeat(60))),
                "only the shown three count");
    }

    @Test
    void emailAndUrlColumnsShowNoExamples() {
        assertTrue(MSchema.examples("VARCHAR", List.of(), List.of("x", "y", "z", "a.b@mail.example.org")).isEmpty());
        assertTrue(MSchema.examples("VARCHAR", List.of(), List.of("http://example.org/a")).isEmpty());
        assertFalse(MSchema.examples("VARCHAR", List.of(), List.of("example.com")).isEmpty());
    }

    @Test
    void decimalsPrintAsPlainNumbersAndDeduplicateAfterwards() {
        assertEquals(List.of("99.5", "12.0", "1000000.0"),
                MSchema.examples("DECIMAL", List.of("99.5"), List.of("99.50", "12.00", "1E+6")));
    }

    @Test
    void matchedValuesComeFirst() {
        assertEquals(List.of("Zoe", "Ann", "Bob"), MSchema.examples("VARCHAR", List.of("Zoe"), List.of("Ann", "Bob", "Zoe")));
    }
}
