package io.kurobe.data.guard;

import io.kurobe.data.Engine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.kurobe.data.Engine.DUCKDB;
import static io.kurobe.data.Engine.POSTGRES;
import static io.kurobe.data.Engine.TRINO;
import static io.kurobe.data.guard.GuardAssertions.accepted;
import static io.kurobe.data.guard.GuardAssertions.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Valid read queries in each dialect's idioms must pass: a refused valid query is a false rejection. */
class SqlGuardDialectTest {
    @Test
    void acceptsPostgresIdioms() {
        List<String> queries = List.of(
                "SELECT id, total::numeric(10,2), CAST(total AS int) FROM orders",
                "SELECT name FROM customers WHERE name ILIKE 'a%' AND name NOT ILIKE '%z'",
                "SELECT DISTINCT ON (customer_id) customer_id, total FROM orders ORDER BY customer_id, total DESC NULLS LAST",
                "SELECT customer_id, count(*) FILTER (WHERE total > 10) AS big FROM orders GROUP BY customer_id",
                "SELECT EXTRACT(YEAR FROM created_at), DATE_TRUNC('month', created_at) FROM orders",
                "SELECT * FROM orders WHERE created_at > now() - INTERVAL '1 day' AND created_at < CURRENT_DATE",
                "SELECT first_name || ' ' || last_name FROM customers",
                "SELECT id, sum(total) OVER (PARTITION BY customer_id ORDER BY created_at ROWS BETWEEN UNBOUNDED"
                        + " PRECEDING AND CURRENT ROW) FROM orders",
                "SELECT id, lag(total, 1) OVER w, rank() OVER w FROM orders WINDOW w AS (ORDER BY created_at)",
                "SELECT c.id, l.total FROM customers c, LATERAL (SELECT total FROM orders o WHERE o.customer_id = c.id"
                        + " ORDER BY total DESC LIMIT 1) l",
                "SELECT ARRAY[1, 2, 3], (ARRAY[1, 2])[1], tags[1] FROM products WHERE 2 = ANY(ARRAY[1, 2])",
                "SELECT d::date FROM generate_series(DATE '2024-01-01', DATE '2024-12-01', INTERVAL '1 month') AS g(d)",
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY total) FROM orders",
                "SELECT string_agg(name, ', ' ORDER BY name) FROM customers",
                "SELECT to_char(created_at, 'YYYY-MM'), to_timestamp(0), age(created_at) FROM orders",
                "SELECT CASE WHEN total > 100 THEN 'big' ELSE 'small' END, COALESCE(note, ''), NULLIF(total, 0) FROM orders",
                "SELECT payload ->> 'name', payload -> 'tags', jsonb_array_length(payload -> 'tags') FROM orders",
                "SELECT position('a' IN name), substring(name FROM 1 FOR 3), trim(BOTH ' ' FROM name) FROM customers",
                "SELECT * FROM orders WHERE name ~ '^a' AND note !~* 'x' AND note SIMILAR TO '%b%'",
                "SELECT id FROM orders WHERE total IS DISTINCT FROM 0 AND created_at::date BETWEEN '2024-01-01' AND"
                        + " '2024-12-31'",
                "SELECT id FROM orders UNION ALL SELECT id FROM customers INTERSECT SELECT id FROM products EXCEPT"
                        + " SELECT 0",
                "SELECT customer_id FROM orders GROUP BY ROLLUP (customer_id) HAVING count(*) > 1",
                "SELECT * FROM orders TABLESAMPLE SYSTEM (10)",
                "VALUES (1, 'a'), (2, 'b')",
                "TABLE orders",
                "SELECT $$it's$$ AS s",
                "SELECT 'it''s' AS s",
                "SELECT round(avg(total)::numeric, 2), greatest(1, 2), abs(-1) FROM orders",
                "SELECT * FROM public.products p JOIN orders o USING (id)",
                "SELECT count(*) FROM \"orders\"");
        for (String sql : queries) {
            accepted(POSTGRES, sql);
        }
    }

    @Test
    void acceptsDuckDbIdioms() {
        List<String> queries = List.of(
                "SELECT customer_id, total FROM orders QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY"
                        + " total DESC) = 1",
                "SELECT list_transform([1, 2, 3], x -> x * 2), [1, 2, 3][1], {'a': 1}",
                "SELECT strftime(created_at, '%Y-%m'), date_diff('day', created_at, now()) FROM orders",
                "SELECT * EXCLUDE (note) FROM orders",
                "SELECT median(total), quantile_cont(total, 0.9), arg_max(id, total) FROM orders",
                "SELECT * FROM range(10) r",
                "SELECT unnest([1, 2, 3])",
                "SELECT regexp_extract(name, '([a-z]+)', 1) FROM customers");
        for (String sql : queries) {
            accepted(DUCKDB, sql);
        }
    }

    @Test
    void acceptsTrinoIdioms() {
        List<String> queries = List.of(
                "SELECT TRY_CAST(total AS integer) FROM orders",
                "SELECT date_add('day', 1, created_at), date_diff('day', created_at, current_date) FROM orders",
                "SELECT approx_distinct(customer_id), approx_percentile(total, 0.5) FROM orders",
                "SELECT if(total > 10, 'big', 'small'), try(total / 0) FROM orders",
                "SELECT element_at(tags, 1), cardinality(tags) FROM products",
                "SELECT format_datetime(created_at, 'yyyy-MM'), date_format(created_at, '%Y') FROM orders");
        for (String sql : queries) {
            accepted(TRINO, sql);
        }
    }

    @Test
    void duckDbUsingSampleIsRefusedButTablesampleRuns() {
        rejected(DUCKDB, "SELECT * FROM orders USING SAMPLE 10%", "could not be parsed as duckdb");
        accepted(DUCKDB, "SELECT * FROM orders TABLESAMPLE SYSTEM (10)");
    }

    @Test
    void printsWhatItReadNotWhatCameIn() {
        assertEquals("SELECT id FROM orders LIMIT 1000",
                accepted(POSTGRES, "select   id -- the key\n  from orders /* all */ ;;"));
    }

    @Test
    void tableNamesMatchCaseInsensitivelyAndWithTheirSchema() {
        accepted(POSTGRES, "SELECT * FROM ORDERS");
        accepted(POSTGRES, "SELECT * FROM public.orders");
        accepted(POSTGRES, "SELECT * FROM products");
        accepted(POSTGRES, "SELECT * FROM PUBLIC.Products");
        accepted(DUCKDB, "SELECT * FROM main.orders");
        rejected(DUCKDB, "SELECT * FROM other.orders", "is not in the schema");
        rejected(POSTGRES, "SELECT * FROM db.public.orders", "is not in the schema");
        GuardVerdict trino = new SqlGuard().check("SELECT * FROM tpch.tiny.nation",
                GuardPolicy.of(Engine.TRINO, List.of("tpch.tiny.nation"), 10));
        assertEquals("SELECT * FROM tpch.tiny.nation LIMIT 10", trino.sql());
    }
}
