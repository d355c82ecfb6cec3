package io.kurobe.data.guard;

import io.kurobe.data.Engine;
import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;

import java.math.BigInteger;
import java.util.Locale;

/** Makes the outermost query return at most the row cap: adds a LIMIT, or lowers a higher one; a lower one stays. */
final class RowCap {
    private RowCap() {
    }

    static void apply(Select query, GuardPolicy policy) {
        long cap = policy.rowCap();
        if (query instanceof SetOperationList) {
            hoistTrailingClauses((SetOperationList) query);
        }
        if (query.getFetch() != null) {
            lower(query.getFetch(), cap);
        } else if (query.getLimit() != null) {
            lower(query.getLimit(), cap);
        } else {
            query.setLimit(new Limit().withRowCount(new LongValue(cap)));
        }
        if (policy.engine() == Engine.TRINO && query.getOffset() != null && query.getLimit() != null) {
            // Trino wants OFFSET before the row limit, and the printer puts LIMIT first; FETCH comes after OFFSET.
            query.setFetch(fetchFirst(query.getLimit()));
            query.setLimit(null);
        }
    }

    /**
     * In "SELECT … UNION SELECT … LIMIT n" the LIMIT (with ORDER BY, OFFSET, FETCH) belongs to the whole set
     * operation, but the parser hangs it on the last branch when no ORDER BY precedes it; move it where it belongs.
     */
    private static void hoistTrailingClauses(SetOperationList query) {
        Select last = query.getSelects().get(query.getSelects().size() - 1);
        boolean setOperationHasNone = query.getLimit() == null && query.getOffset() == null
                && query.getFetch() == null && query.getOrderByElements() == null;
        if (!(last instanceof PlainSelect) || !setOperationHasNone) {
            return;
        }
        query.setOrderByElements(last.getOrderByElements());
        query.setLimit(last.getLimit());
        query.setOffset(last.getOffset());
        query.setFetch(last.getFetch());
        last.setOrderByElements(null);
        last.setLimit(null);
        last.setOffset(null);
        last.setFetch(null);
    }

    private static void lower(Limit limit, long cap) {
        if (limit.getByExpressions() != null) {
            throw new Rejection("LIMIT … BY is not allowed: use a window function such as row_number()");
        }
        Expression rows = limit.getRowCount();
        if (rows == null || rows instanceof AllValue || rows instanceof NullValue) {
            limit.setLimitAll(false);
            limit.setLimitNull(false);
            limit.setRowCount(new LongValue(cap));
        } else if (rows instanceof LongValue) {
            if (exceeds((LongValue) rows, cap)) {
                limit.setRowCount(new LongValue(cap));
            }
        } else {
            throw new Rejection("LIMIT " + rows + " is not allowed: the limit must be a whole number");
        }
    }

    private static void lower(Fetch fetch, long cap) {
        if (fetch.getFetchParameters().stream().anyMatch(p -> p.toUpperCase(Locale.ROOT).contains("PERCENT"))) {
            throw new Rejection("FETCH … PERCENT is not allowed: fetch a number of rows");
        }
        Expression rows = fetch.getExpression();
        if (rows == null) {
            return;
        }
        if (!(rows instanceof LongValue)) {
            throw new Rejection("FETCH FIRST " + rows + " is not allowed: the number of rows must be a whole number");
        }
        if (exceeds((LongValue) rows, cap)) {
            fetch.setExpression(new LongValue(cap));
        }
    }

    private static boolean exceeds(LongValue rows, long cap) {
        return rows.getBigIntegerValue().compareTo(BigInteger.valueOf(cap)) > 0;
    }

    private static Fetch fetchFirst(Limit limit) {
        Fetch fetch = new Fetch().withExpression(limit.getRowCount());
        fetch.setFetchParamFirst(true);
        fetch.getFetchParameters().add("ROWS");
        fetch.getFetchParameters().add("ONLY");
        return fetch;
    }
}
