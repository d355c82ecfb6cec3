package io.kurobe.data.guard;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./kurobe guard: exit 0 and the SQL that would run, exit 3 and the reason, exit 2 on a usage error. */
class GuardCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return GuardCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheSqlThatWouldRunAndExitsZero() {
        int code = run("", "--engine", "postgres", "--sql", "select name from customers", "--tables",
                "customers,orders", "--row-cap", "50");
        assertEquals(0, code);
        assertEquals("SELECT name FROM customers LIMIT 50\n", out());
    }

    @Test
    void printsTheReasonAndExitsThree() {
        int code = run("", "--engine", "postgres", "--sql", "COMMIT; DROP TABLE customers");
        assertEquals(3, code);
        assertEquals("rejected: only one statement is allowed; found 2 (COMMIT, DROP)\n", out());
        code = run("", "--engine", "trino", "--sql", "SELECT * FROM secrets", "--tables", "customers");
        assertEquals(3, code);
        assertTrue(out().contains("table secrets is not in the schema of this connection"), out());
    }

    @Test
    void readsTheSqlFromStandardInput() {
        int code = run("SELECT *\nFROM orders\nLIMIT 5;\n", "--engine", "duckdb", "--sql", "-");
        assertEquals(0, code);
        assertEquals("SELECT * FROM orders LIMIT 5\n", out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("", "--engine", "postgres"));
        assertEquals(2, run("", "--engine", "oracle", "--sql", "SELECT 1"));
        assertEquals(2, run("", "--engine", "postgres", "--sql", "SELECT 1", "--row-cap", "0"));
        assertEquals(2, run("", "--engine", "postgres", "--sql", "SELECT 1", "--colour", "red"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: guard --engine"));
        assertEquals(2, run("", "--help"));
        assertTrue(out().startsWith("usage: guard --engine duckdb|postgres|trino|sqlite --sql"));
    }
}
