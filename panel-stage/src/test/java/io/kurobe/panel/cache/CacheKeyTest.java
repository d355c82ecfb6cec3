package io.kurobe.panel.cache;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CacheKeyTest {
    private static final String SQL = "SELECT count(*) FROM orders WHERE status = 'open'";

    private static String key(String sql) {
        return CacheKey.of("t", "demo", "fp", 100, sql);
    }

    @Test
    void whitespaceOnlyDifferencesShareAKey() {
        assertEquals(key(SQL), key("  SELECT count(*)\n  FROM\torders\r\n WHERE status = 'open'  "));
        assertEquals(key(SQL), key(SQL + ";"));
        assertEquals(key(SQL), key(SQL + " ;\n"));
    }

    @Test
    void differentSqlGetsDifferentKeys() {
        assertNotEquals(key(SQL), key("SELECT count(*) FROM orders WHERE status = 'closed'"));
        assertNotEquals(key("SELECT 1"), key("SELECT 2"));
        assertNotEquals(key("SELECT a FROM t"), key("SELECT b FROM t"));
    }

    @Test
    void stringLiteralsKeepTheirCaseAndSpaces() {
        assertNotEquals(key("SELECT * FROM t WHERE s = 'Open'"), key("SELECT * FROM t WHERE s = 'open'"));
        assertNotEquals(key("SELECT * FROM t WHERE s = 'a  b'"), key("SELECT * FROM t WHERE s = 'a b'"));
        assertNotEquals(key("SELECT * FROM t WHERE s = 'a\nb'"), key("SELECT * FROM t WHERE s = 'a b'"));
        assertNotEquals(key("SELECT * FROM t WHERE s = 'it''s  x'"), key("SELECT * FROM t WHERE s = 'it''s x'"));
    }

    @Test
    void quotedIdentifiersAndKeywordsKeepTheirCase() {
        assertNotEquals(key("SELECT \"My  Col\" FROM t"), key("SELECT \"My Col\" FROM t"));
        assertNotEquals(key("SELECT \"A\" FROM t"), key("SELECT \"a\" FROM t"));
        assertNotEquals(key("select 1"), key("SELECT 1"));
    }

    @Test
    void lineCommentEndsAtItsLineSoWhatFollowsStaysCode() {
        // the first adds 1 on the next line; the second comments it out
        assertNotEquals(key("SELECT 1 -- note\n+ 1"), key("SELECT 1 -- note + 1"));
        assertEquals(key("SELECT 1 -- note\n+ 1"), key("SELECT 1   -- note\n   + 1"));
        assertEquals("SELECT 1 -- note\n+ 1", CacheKey.normalize("SELECT 1   -- note\n   + 1"));
    }

    @Test
    void textAScannerCouldMisreadIsKeptExactly() {
        String backslash = "SELECT E'it\\'s  x' FROM t";
        assertEquals(backslash, CacheKey.normalize(backslash));
        String dollar = "SELECT $$a  b$$";
        assertEquals(dollar, CacheKey.normalize(dollar));
        String block = "SELECT /* a /* b */ '  ' */ 1";
        assertEquals(block, CacheKey.normalize(block));
        String unterminated = "SELECT 'a  b";
        assertEquals(unterminated, CacheKey.normalize(unterminated));
        assertNotEquals(key("SELECT E'it\\'s  x'"), key("SELECT E'it\\'s x'"));
    }

    @Test
    void onlyOneTrailingSemicolonIsDropped() {
        assertEquals("SELECT 1", CacheKey.normalize("SELECT 1 ;"));
        assertEquals("SELECT 1;", CacheKey.normalize("SELECT 1;;"));
        assertNotEquals(key("SELECT 1"), key("SELECT 1;;"));
        assertEquals("SELECT ';'", CacheKey.normalize("SELECT ';'"));
    }

    @Test
    void tenantConnectionFingerprintAndRowCapAreInTheKey() {
        String base = CacheKey.of("t", "demo", "fp", 100, SQL);
        assertNotEquals(base, CacheKey.of("t2", "demo", "fp", 100, SQL));
        assertNotEquals(base, CacheKey.of("t", "pg", "fp", 100, SQL));
        assertNotEquals(base, CacheKey.of("t", "demo", "fp2", 100, SQL));
        assertNotEquals(base, CacheKey.of("t", "demo", "fp", 101, SQL));
        // parts cannot bleed into each other
        assertNotEquals(CacheKey.of("ab", "c", "fp", 1, SQL), CacheKey.of("a", "bc", "fp", 1, SQL));
    }

    @Test
    void keysCarryThePrefix() {
        assertTrue(key(SQL).startsWith("kurobe:cache:"), key(SQL));
    }
}
