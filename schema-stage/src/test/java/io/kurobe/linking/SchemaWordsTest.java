package io.kurobe.linking;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.TableInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaWordsTest {
    @Test
    void splitsSnakeCamelAndDigitNames() {
        assertEquals(List.of("order", "lines"), SchemaWords.words("order_lines"));
        assertEquals(List.of("sb", "cust", "join", "date"), SchemaWords.words("sbCustJoinDate"));
        assertEquals(List.of("http", "status", "code"), SchemaWords.words("HTTPStatusCode"));
        assertEquals(List.of("address", "2"), SchemaWords.words("address2"));
    }

    @Test
    void embeddingTextsLeaveTheSchemaQualifierOut() {
        ColumnInfo name = new ColumnInfo("telescope_name", "text", "", false, List.of("Hale", "Keck II"));
        TableInfo table = new TableInfo("observatory.telescope", "instruments", 3, List.of(
                new ColumnInfo("telescope_id", "integer", "", true, List.of("1")), name));
        assertEquals("telescope, instruments: telescope id, telescope name", SchemaWords.tableText(table));
        assertEquals("telescope name of telescope, such as Hale, Keck II", SchemaWords.columnText(table, name));
        assertEquals("telescope", SchemaWords.bareName("observatory.telescope"));
    }

    @Test
    void aNameIsSaidWhenEachOfItsWordsIsInTheQuestionSingularOrPlural() {
        Set<String> words = LinkingPolicy.questionWords("How many payments were received for the cities?");
        assertTrue(LinkingPolicy.named(words, "payments_received", false));
        assertTrue(LinkingPolicy.named(words, "payment", false));
        assertTrue(LinkingPolicy.named(words, "city", false));
        assertFalse(LinkingPolicy.named(words, "payments_made", false));
        assertFalse(LinkingPolicy.named(words, "id", true), "a column's id alone is never said");
    }
}
