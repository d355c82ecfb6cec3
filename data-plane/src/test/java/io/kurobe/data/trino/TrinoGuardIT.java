package io.kurobe.data.trino;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Engine;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.GuardedExecutor;
import io.kurobe.data.QueryRejectedException;
import io.kurobe.data.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generated SQL on Trino through the one path stages use: the guard against the introspected tables, then run. */
@ExtendWith(LocalTrino.class)
class TrinoGuardIT {
    private static final ExecutionLimits LIMITS = new ExecutionLimits(5, Duration.ofSeconds(30));
    private static ConnectorPool pool;
    private static GuardedExecutor executor;

    @BeforeAll
    static void open() {
        pool = new ConnectorPool(Map.of("tpch", new ConnectionSpec("tpch", Engine.TRINO,
                LocalTrino.baseUrl() + "/tpch/tiny", "analyst", null)));
        executor = new GuardedExecutor(pool);
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void cappedQueriesRunAndSayTheyWereCut() {
        QueryResult result = executor.execute("tpch", "SELECT name FROM nation ORDER BY name", LIMITS);
        assertEquals(List.of(List.of("ALGERIA"), List.of("ARGENTINA"), List.of("BRAZIL"), List.of("CANADA"),
                List.of("CHINA")), result.rows());
        assertTrue(result.truncated());
        QueryResult offset = executor.execute("tpch", "SELECT name FROM nation ORDER BY name OFFSET 3 LIMIT 2", LIMITS);
        assertEquals(List.of(List.of("CANADA"), List.of("CHINA")), offset.rows());
    }

    /** The Trino idioms the guard's dialect test accepts must also run on Trino once rewritten. */
    @Test
    void trinoIdiomsTheGuardAcceptsRunOnTrino() {
        List<String> queries = List.of(
                "SELECT TRY_CAST(totalprice AS integer) FROM orders",
                "SELECT date_add('day', 1, orderdate), date_diff('day', orderdate, current_date) FROM orders",
                "SELECT approx_distinct(custkey), approx_percentile(totalprice, 0.5) FROM orders",
                "SELECT if(totalprice > 10, 'big', 'small'), try(totalprice / 0) FROM orders",
                "SELECT element_at(split(comment, ' '), 1), cardinality(split(comment, ' ')) FROM orders",
                "SELECT format_datetime(CAST(orderdate AS timestamp), 'yyyy-MM'),"
                        + " date_format(CAST(orderdate AS timestamp), '%Y') FROM orders",
                "WITH big AS (SELECT custkey, sum(totalprice) AS spent FROM orders GROUP BY custkey)"
                        + " SELECT c.name, b.spent FROM big b JOIN customer c ON c.custkey = b.custkey"
                        + " ORDER BY b.spent DESC");
        for (String sql : queries) {
            QueryResult result = executor.execute("tpch", sql, LIMITS);
            assertTrue(result.rows().size() <= LIMITS.rowCap(), sql);
            assertTrue(!result.rows().isEmpty(), sql);
        }
    }

    @Test
    void refusesWhatReachesBeyondTheSchema() {
        rejected("SELECT * FROM system.runtime.queries", "it is a system catalog");
        rejected("SELECT * FROM TABLE(system.query(query => 'SELECT 1'))", "is not allowed");
        rejected("SELECT * FROM memory.default.accounts", "is not in the schema of this connection");
        rejected("SELECT * FROM sf1.nation", "is not in the schema of this connection");
        rejected("INSERT INTO nation SELECT * FROM nation", "");
        rejected("SELECT 1; DROP TABLE nation", "");
    }

    private static void rejected(String sql, String reason) {
        QueryRejectedException e = assertThrows(QueryRejectedException.class,
                () -> executor.execute("tpch", sql, LIMITS), sql);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
