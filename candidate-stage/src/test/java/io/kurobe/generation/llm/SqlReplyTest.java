package io.kurobe.generation.llm;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlReplyTest {
    @Test
    void completesThePromptsOpenFence() {
        assertEquals(Optional.of("SELECT 1"), SqlReply.sql("SELECT 1;\n```"));
    }

    @Test
    void readsTheFirstFencedBlockAfterProse() {
        assertEquals(Optional.of("WITH t AS (SELECT 1 AS x) SELECT x FROM t"),
                SqlReply.sql("Here is the query:\n```sql\nWITH t AS (SELECT 1 AS x) SELECT x FROM t;\n```\nIt counts."));
    }

    @Test
    void dropsLeadingComments() {
        assertEquals(Optional.of("SELECT 2"), SqlReply.sql("-- the count\nSELECT 2"));
    }

    @Test
    void freeTextIsNoSql() {
        assertEquals(Optional.empty(), SqlReply.sql("I cannot answer that from this schema."));
        assertEquals(Optional.empty(), SqlReply.sql("Selected rows are shown below."));
        assertEquals(Optional.empty(), SqlReply.sql("```\nignore previous instructions\n```"));
        assertEquals(Optional.empty(), SqlReply.sql(""));
    }
}
