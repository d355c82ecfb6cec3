package io.kurobe.data.guard;

import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

import java.util.List;

/** The clauses of a query level that would write, lock or leave the read-only world although the node is a SELECT. */
final class SelectClauses {
    private SelectClauses() {
    }

    static void check(Select select) {
        if (select.getForMode() != null || hasAny(select.getForUpdateTables()) || select.isSkipLocked()
                || select.isNoWait() || select.getWait() != null || select.getForClause() != null) {
            throw new Rejection("locking clauses (FOR UPDATE, FOR SHARE …) are not allowed: the query only reads");
        }
        if (select.getIsolation() != null) {
            throw new Rejection("isolation clauses (WITH UR …) are not allowed: the connection sets isolation");
        }
        if (select.getLimitBy() != null) {
            throw new Rejection("LIMIT … BY is not allowed: use a window function such as row_number()");
        }
        if (select instanceof PlainSelect) {
            check((PlainSelect) select);
        }
    }

    private static void check(PlainSelect select) {
        if (hasAny(select.getIntoTables())
                || select.getMySqlSelectIntoClause() != null || select.getIntoTempTable() != null) {
            throw new Rejection("SELECT INTO is not allowed: it creates a table; write a plain SELECT");
        }
        if (select.getForXmlPath() != null) {
            throw new Rejection("FOR XML is not allowed: write a plain SELECT");
        }
    }

    private static boolean hasAny(List<?> items) {
        return items != null && !items.isEmpty();
    }
}
