package io.kurobe.data.guard;

import io.kurobe.data.Engine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outermost query returns at most the row cap; a lower limit the author chose stays. */
class RowCapTest {
    private static final SqlGuard GUARD = new SqlGuard();

    private static String capped(Engine engine, String sql, int cap) {
        GuardVerdict verdict = GUARD.check(sql, GuardPolicy.of(engine, List.of(), cap));
        assertTrue(verdict.isAccepted(), () -> sql + " was rejected: " + verdict.reason());
        return verdict.sql();
    }

    @Test
    void addsLimitWhenMissing() {
        assertEquals("SELECT a FROM t LIMIT 100", capped(Engine.POSTGRES, "SELECT a FROM t", 100));
        assertEquals("SELECT a FROM t ORDER BY a DESC LIMIT 100",
                capped(Engine.POSTGRES, "SELECT a FROM t ORDER BY a DESC;", 100));
    }

    @Test
    void lowersHigherLimit() {
        assertEquals("SELECT a FROM t LIMIT 100", capped(Engine.POSTGRES, "SELECT a FROM t LIMIT 5000", 100));
        assertEquals("SELECT a FROM t LIMIT 100",
                capped(Engine.POSTGRES, "SELECT a FROM t LIMIT 99999999999999999999999", 100));
        assertEquals("SELECT a FROM t LIMIT 100 OFFSET 20",
                capped(Engine.POSTGRES, "SELECT a FROM t LIMIT 5000 OFFSET 20", 100));
    }

    @Test
    void keepsLowerLimit() {
        assertEquals("SELECT a FROM t LIMIT 5", capped(Engine.POSTGRES, "SELECT a FROM t LIMIT 5", 100));
        assertEquals("SELECT a FROM t LIMIT 100", capped(Engine.POSTGRES, "SELECT a FROM t LIMIT 100", 100));
    }

    @Test
    void replacesLimitAllAndNull() {
        assertEquals("SELECT a FROM t LIMIT 100", capped(Engine.POSTGRES, "SELECT a FROM t LIMIT ALL", 100));
        assertEquals("SELECT a FROM t LIMIT 100", capped(Engine.POSTGRES, "SELECT a FROM t LIMIT NULL", 100));
    }

    @Test
    void lowersFetchFirst() {
        assertEquals("SELECT a FROM t FETCH FIRST 100 ROWS ONLY",
                capped(Engine.POSTGRES, "SELECT a FROM t FETCH FIRST 500 ROWS ONLY", 100));
        assertEquals("SELECT a FROM t FETCH FIRST 7 ROWS ONLY",
                capped(Engine.POSTGRES, "SELECT a FROM t FETCH FIRST 7 ROWS ONLY", 100));
    }

    @Test
    void capsSetOperationAsAWhole() {
        assertEquals("SELECT a FROM t UNION SELECT b FROM u LIMIT 100",
                capped(Engine.POSTGRES, "SELECT a FROM t UNION SELECT b FROM u", 100));
        assertEquals("(SELECT a FROM t LIMIT 5000) UNION (SELECT b FROM u) LIMIT 100",
                capped(Engine.POSTGRES, "(SELECT a FROM t LIMIT 5000) UNION (SELECT b FROM u)", 100));
    }

    @Test
    void leavesSubqueryLimitsAlone() {
        assertEquals("SELECT * FROM (SELECT a FROM t LIMIT 5000) s LIMIT 100",
                capped(Engine.POSTGRES, "SELECT * FROM (SELECT a FROM t LIMIT 5000) s", 100));
        assertEquals("WITH x AS (SELECT a FROM t LIMIT 5000) SELECT * FROM x LIMIT 100",
                capped(Engine.POSTGRES, "WITH x AS (SELECT a FROM t LIMIT 5000) SELECT * FROM x", 100));
    }

    @Test
    void capsValues() {
        assertEquals("VALUES (1), (2) LIMIT 100", capped(Engine.DUCKDB, "VALUES (1), (2)", 100));
    }

    @Test
    void putsTrinoOffsetBeforeTheRowLimit() {
        assertEquals("SELECT a FROM t OFFSET 3 FETCH FIRST 100 ROWS ONLY",
                capped(Engine.TRINO, "SELECT a FROM t OFFSET 3 LIMIT 5000", 100));
        assertEquals("SELECT a FROM t LIMIT 100", capped(Engine.TRINO, "SELECT a FROM t", 100));
    }

    @Test
    void rejectsLimitThatIsNotANumber() {
        GuardVerdict verdict = GUARD.check("SELECT a FROM t LIMIT (SELECT count(*) FROM t)",
                GuardPolicy.of(Engine.POSTGRES, List.of(), 100));
        assertFalse(verdict.isAccepted());
        assertTrue(verdict.reason().contains("the limit must be a whole number"), verdict.reason());
    }
}
