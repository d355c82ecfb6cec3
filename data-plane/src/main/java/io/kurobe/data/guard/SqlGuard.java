package io.kurobe.data.guard;

import io.kurobe.data.Engine;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The wall every execution of generated SQL passes first: the SQL is parsed (JSqlParser), must be exactly one
 * read-only query over the connection's tables calling only allowed functions, and gets a LIMIT no higher than the
 * row cap. What runs is the checked tree printed back, not the text that came in, so the database executes exactly
 * what the guard read. Stateless and thread-safe.
 */
public final class SqlGuard {
    static final int MAX_SQL_CHARS = 50_000;
    static final int MAX_NESTING = 100;
    private static final long PARSE_TIMEOUT_MILLIS = 5_000;
    private static final String TOO_DEEP = "the SQL is nested more than " + MAX_NESTING + " levels deep; simplify it";
    private static final ExecutorService PARSER_THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "kurobe-sql-guard-parser");
        thread.setDaemon(true);
        return thread;
    });

    public GuardVerdict check(String sql, GuardPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (sql == null || StatementText.statements(sql).isEmpty()) {
            return GuardVerdict.rejected("the SQL is empty: write one SELECT query");
        }
        if (sql.length() > MAX_SQL_CHARS) {
            return GuardVerdict.rejected("the SQL is " + sql.length() + " characters long; at most " + MAX_SQL_CHARS
                    + " are allowed");
        }
        if (StatementText.parenthesisDepth(sql) > MAX_NESTING) {
            return GuardVerdict.rejected(TOO_DEEP);
        }
        try {
            Select query = parseQuery(sql, policy.engine());
            QueryWalker.check(query, policy);
            RowCap.apply(query, policy);
            String rewritten = query.toString();
            requireFixpoint(rewritten, policy);
            return GuardVerdict.accepted(rewritten);
        } catch (Rejection rejection) {
            return GuardVerdict.rejected(rejection.getMessage());
        } catch (StackOverflowError tooDeep) {
            return GuardVerdict.rejected(TOO_DEEP);
        }
    }

    /** The SQL to run must read back as itself, so no printing quirk can change what the database executes. */
    private static void requireFixpoint(String rewritten, GuardPolicy policy) {
        Select again = parseQuery(rewritten, policy.engine());
        QueryWalker.check(again, policy);
        RowCap.apply(again, policy);
        if (!again.toString().equals(rewritten)) {
            throw new Rejection("the guard could not print this query back faithfully; write it more simply");
        }
    }

    private static Select parseQuery(String sql, Engine engine) {
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(StatementText.withoutTrailingSemicolons(sql),
                    PARSER_THREADS, SqlGuard::configure);
        } catch (JSQLParserException e) {
            throw new Rejection(unreadable(sql, engine, e));
        }
        if (statements.size() != 1) {
            throw new Rejection("only one statement is allowed; found " + statements.size() + " ("
                    + statements.stream().map(SqlGuard::keyword).collect(Collectors.joining(", ")) + ")");
        }
        Statement statement = statements.get(0);
        if (!(statement instanceof Select)) {
            throw new Rejection(StatementKinds.reason(keyword(statement)));
        }
        return (Select) statement;
    }

    private static void configure(CCJSqlParser parser) {
        parser.withDollarQuotedStringTags(true).withTimeOut(PARSE_TIMEOUT_MILLIS);
    }

    private static String unreadable(String sql, Engine engine, JSQLParserException e) {
        List<String> statements = StatementText.statements(sql);
        List<String> keywords = statements.stream().map(StatementText::firstKeyword).toList();
        if (statements.size() > 1) {
            return "only one statement is allowed; found " + statements.size() + " (" + String.join(", ", keywords)
                    + ")";
        }
        if (StatementKinds.isKnownNonQuery(keywords.get(0))) {
            return StatementKinds.reason(keywords.get(0));
        }
        return "the SQL could not be parsed as " + engine.dialect() + " (" + parserMessage(e)
                + "); write one standard SELECT query";
    }

    private static String parserMessage(JSQLParserException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StackOverflowError) {
                return "it is nested too deeply";
            }
            if (t instanceof TimeoutException) {
                return "it took longer than " + PARSE_TIMEOUT_MILLIS + " ms to parse";
            }
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage()).strip();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.replaceFirst("^[\\w.]+(Exception|Error):\\s*", "")
                .replaceFirst("[.,\\s]*in lexical state \\w+", "")
                .replace("Encountered:,", "Encountered the end of the SQL,")
                .strip();
    }

    private static String keyword(Statement statement) {
        if (statement instanceof Select) {
            return "SELECT";
        }
        String word = StatementText.firstKeyword(statement.toString());
        if (word.isEmpty() || word.equals("WITH")) {
            return statement.getClass().getSimpleName().replace("Statement", "").toUpperCase(Locale.ROOT);
        }
        return word;
    }
}
