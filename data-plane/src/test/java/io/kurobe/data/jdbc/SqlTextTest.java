package io.kurobe.data.jdbc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlTextTest {
    @Test
    void seesAnOuterOrderBy() {
        assertTrue(SqlText.hasTopLevelOrderBy("SELECT a FROM t ORDER BY a"));
        assertTrue(SqlText.hasTopLevelOrderBy("with x as (select 1 a) select a from x\norder\n  by a desc"));
        assertTrue(SqlText.hasTopLevelOrderBy("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1"));
    }

    @Test
    void ignoresOrderByInsideParenthesesStringsAndComments() {
        assertFalse(SqlText.hasTopLevelOrderBy("SELECT * FROM (SELECT a FROM t ORDER BY a) s"));
        assertFalse(SqlText.hasTopLevelOrderBy("SELECT row_number() OVER (ORDER BY a) FROM t"));
        assertFalse(SqlText.hasTopLevelOrderBy("SELECT 'ORDER BY a' FROM t"));
        assertFalse(SqlText.hasTopLevelOrderBy("SELECT a FROM t -- ORDER BY a"));
        assertFalse(SqlText.hasTopLevelOrderBy("SELECT a /* ORDER BY a */ FROM t"));
        assertFalse(SqlText.hasTopLevelOrderBy("SELECT \"ORDER BY\" FROM t"));
        assertFalse(SqlText.hasTopLevelOrderBy("SELECT border_by FROM t"));
    }
}
