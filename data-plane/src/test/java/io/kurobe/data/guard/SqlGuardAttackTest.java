package io.kurobe.data.guard;

import org.junit.jupiter.api.Test;

import static io.kurobe.data.Engine.DUCKDB;
import static io.kurobe.data.Engine.POSTGRES;
import static io.kurobe.data.Engine.TRINO;
import static io.kurobe.data.guard.GuardAssertions.accepted;
import static io.kurobe.data.guard.GuardAssertions.check;
import static io.kurobe.data.guard.GuardAssertions.rejected;
import static io.kurobe.data.guard.GuardAssertions.rejectedEverywhere;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per attack family that peers' guards let through; each names the family and checks the reason. */
class SqlGuardAttackTest {
    @Test
    void rejectsCommitThenDrop() {
        rejectedEverywhere("COMMIT; DROP TABLE orders", "only one statement is allowed; found 2 (COMMIT, DROP)");
        rejectedEverywhere("SELECT 1; DROP TABLE orders;", "only one statement is allowed; found 2 (SELECT, DROP)");
        rejectedEverywhere("SELECT 1; COPY orders TO '/tmp/x'", "only one statement is allowed; found 2");
    }

    @Test
    void rejectsCommentAndCaseTricks() {
        rejectedEverywhere("SeLeCt/**/1;/**/DrOp TABLE orders", "only one statement is allowed; found 2");
        rejectedEverywhere("SELECT 1 -- harmless\n; DROP TABLE orders", "only one statement is allowed; found 2");
        rejectedEverywhere("SELECT/*;*/1; dElEtE FROM orders", "only one statement is allowed; found 2");
        rejected(POSTGRES, "SELECT PG_READ_FILE('/etc/passwd')", "it reads server files");
        rejected(POSTGRES, "SELECT \"pg_read_file\"('/etc/passwd')", "it reads server files");
        rejected(POSTGRES, "SELECT pg_read_file/**/('/etc/passwd')", "it reads server files");
        rejected(POSTGRES, "SELECT PG_CATALOG.pg_read_file('/etc/passwd')", "it reads server files");
        rejected(DUCKDB, "select * from READ_CSV_AUTO('/etc/passwd')", "it reads files or URLs");
    }

    @Test
    void nestedCommentsCannotHideAStatement() {
        // PostgreSQL nests block comments; whatever the parser makes of it, DROP must never reach the database
        for (String sql : new String[] {"/* /* */ DROP TABLE orders; /* */ */ SELECT 1",
                "SELECT 1 /* /* */ ; DROP TABLE orders; -- */", "SELECT 1 /* */ */ ; DROP TABLE orders"}) {
            GuardVerdict verdict = check(POSTGRES, sql);
            assertFalse(verdict.isAccepted() && verdict.sql().toUpperCase().contains("DROP"), sql);
        }
    }

    @Test
    void rejectsUnicodeEscapes() {
        rejected(POSTGRES, "SELECT U&\"\\0070g_read_file\"('/etc/passwd')", "is not allowed");
        rejected(POSTGRES, "SELECT * FROM U&\"\\0073ecrets\"", "could not be parsed");
        rejected(POSTGRES, "SELECT pg_re\u0430d_file('/etc/passwd')", "is not allowed");
        // an escaped quote stays inside its literal: PostgreSQL decodes \u0027 after the string has ended
        assertEquals("SELECT E'\\u0027; DROP TABLE orders; --' LIMIT 1000",
                accepted(POSTGRES, "SELECT E'\\u0027; DROP TABLE orders; --'"));
    }

    @Test
    void rejectsDataModifyingCte() {
        rejectedEverywhere("WITH gone AS (DELETE FROM orders RETURNING *) SELECT * FROM gone",
                "WITH gone AS (DELETE …) is a data-modifying CTE");
        rejectedEverywhere("WITH x AS (UPDATE orders SET total = 0 RETURNING id) SELECT count(*) FROM x",
                "data-modifying CTE");
        rejectedEverywhere("WITH x AS (INSERT INTO orders (id) VALUES (1) RETURNING id) SELECT * FROM x",
                "data-modifying CTE");
        rejectedEverywhere("WITH a AS (SELECT 1), b AS (DELETE FROM orders RETURNING *) SELECT * FROM a",
                "data-modifying CTE");
    }

    @Test
    void rejectsDmlAndDdl() {
        rejectedEverywhere("INSERT INTO orders (id) VALUES (1)", "INSERT is not allowed: it changes data");
        rejectedEverywhere("UPDATE orders SET total = 0", "UPDATE is not allowed: it changes data");
        rejectedEverywhere("DELETE FROM orders", "DELETE is not allowed: it changes data");
        rejectedEverywhere("WITH x AS (SELECT 1) DELETE FROM orders", "DELETE is not allowed: it changes data");
        rejectedEverywhere("TRUNCATE orders", "TRUNCATE is not allowed: it changes data");
        rejectedEverywhere("MERGE INTO orders o USING customers c ON o.id = c.id WHEN MATCHED THEN DELETE",
                "MERGE is not allowed");
        rejectedEverywhere("DROP TABLE orders", "DROP is not allowed: it changes the schema");
        rejectedEverywhere("CREATE TABLE x AS SELECT * FROM orders", "CREATE is not allowed");
        rejectedEverywhere("ALTER TABLE orders ADD COLUMN x int", "ALTER is not allowed");
        rejectedEverywhere("GRANT ALL ON orders TO public", "GRANT is not allowed");
    }

    @Test
    void rejectsSelectInto() {
        rejectedEverywhere("SELECT * INTO stolen FROM orders", "SELECT INTO is not allowed: it creates a table");
        rejectedEverywhere("SELECT id INTO TEMP t FROM orders", "could not be parsed");
    }

    @Test
    void rejectsLockingClause() {
        for (String lock : new String[] {"FOR UPDATE", "FOR SHARE", "FOR NO KEY UPDATE", "FOR KEY SHARE",
                "FOR UPDATE SKIP LOCKED", "FOR UPDATE NOWAIT", "FOR UPDATE OF orders"}) {
            rejected(POSTGRES, "SELECT * FROM orders " + lock, "locking clauses");
        }
        rejected(POSTGRES, "SELECT * FROM (SELECT * FROM orders FOR UPDATE) o", "locking clauses");
    }

    @Test
    void rejectsCopy() {
        rejectedEverywhere("COPY orders TO '/tmp/orders.csv'", "COPY is not allowed: it reads or writes files");
        rejectedEverywhere("COPY (SELECT * FROM orders) TO PROGRAM 'curl evil'", "COPY is not allowed");
        rejectedEverywhere("copy orders from '/etc/passwd'", "COPY is not allowed");
    }

    @Test
    void rejectsExplainAnalyze() {
        rejectedEverywhere("EXPLAIN ANALYZE DELETE FROM orders", "EXPLAIN is not allowed");
        rejectedEverywhere("EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM orders", "EXPLAIN is not allowed");
        rejectedEverywhere("EXPLAIN SELECT * FROM orders", "EXPLAIN is not allowed");
    }

    @Test
    void rejectsCallDoPrepareExecute() {
        rejectedEverywhere("CALL pg_sleep(10)", "CALL is not allowed: it runs stored code");
        rejectedEverywhere("DO $$BEGIN DELETE FROM orders; END$$", "DO is not allowed: it runs stored code");
        rejectedEverywhere("PREPARE p AS DELETE FROM orders", "PREPARE is not allowed");
        rejectedEverywhere("EXECUTE p", "EXECUTE is not allowed");
        rejected(TRINO, "CALL system.runtime.kill_query(query_id => '1')", "CALL is not allowed");
    }

    @Test
    void rejectsSetResetAndTransactionControl() {
        rejectedEverywhere("SET search_path = evil", "SET is not allowed: it changes the session");
        rejectedEverywhere("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE", "SET is not allowed");
        rejectedEverywhere("RESET ALL", "RESET is not allowed");
        rejectedEverywhere("BEGIN", "BEGIN is not allowed: it controls transactions");
        rejectedEverywhere("START TRANSACTION READ WRITE", "START is not allowed: it controls transactions");
        rejectedEverywhere("COMMIT", "COMMIT is not allowed");
        rejectedEverywhere("ROLLBACK", "ROLLBACK is not allowed");
        rejectedEverywhere("SAVEPOINT a", "SAVEPOINT is not allowed");
    }

    @Test
    void rejectsAttachPragmaInstallLoad() {
        rejected(DUCKDB, "ATTACH 'other.db' AS other", "ATTACH is not allowed");
        rejected(DUCKDB, "ATTACH 'postgres:dbname=x' AS pg (TYPE postgres)", "ATTACH is not allowed");
        rejected(DUCKDB, "PRAGMA enable_external_access", "PRAGMA is not allowed");
        rejected(DUCKDB, "INSTALL httpfs", "INSTALL is not allowed");
        rejected(DUCKDB, "LOAD httpfs", "LOAD is not allowed");
        rejected(DUCKDB, "DETACH other", "DETACH is not allowed");
        rejected(DUCKDB, "EXPORT DATABASE '/tmp/dump'", "EXPORT is not allowed");
    }

    @Test
    void rejectsPgReadFile() {
        rejected(POSTGRES, "SELECT pg_read_file('/etc/passwd')", "function pg_read_file is not allowed: it reads server files");
        rejected(POSTGRES, "SELECT pg_read_binary_file('global/pg_control')", "it reads server files");
        rejected(POSTGRES, "SELECT * FROM pg_ls_dir('.')", "function pg_ls_dir is not allowed: it reads server files");
        rejected(POSTGRES, "SELECT (pg_stat_file('postgresql.conf')).size", "it reads server files");
    }

    @Test
    void rejectsLargeObjects() {
        rejected(POSTGRES, "SELECT lo_import('/etc/passwd')", "function lo_import is not allowed: it reads or writes large objects");
        rejected(POSTGRES, "SELECT lo_export(16384, '/tmp/x')", "large objects");
        rejected(POSTGRES, "SELECT lo_get(16384)", "large objects");
    }

    @Test
    void rejectsDblink() {
        rejected(POSTGRES, "SELECT * FROM dblink('host=evil', 'SELECT 1') AS t(a int)",
                "function dblink is not allowed: it connects to another database");
        rejected(POSTGRES, "SELECT dblink_exec('host=evil', 'DROP TABLE orders')", "it connects to another database");
        rejected(DUCKDB, "SELECT * FROM postgres_scan('host=evil', 'public', 'users')", "is not allowed");
    }

    @Test
    void rejectsQueryToXml() {
        rejected(POSTGRES, "SELECT query_to_xml('SELECT * FROM secrets', true, true, '')",
                "function query_to_xml is not allowed: it runs a query of its own");
        rejected(POSTGRES, "SELECT table_to_xml('secrets', true, true, '')", "it runs a query of its own");
        rejected(POSTGRES, "SELECT cursor_to_xml('c', 1, true, true, '')", "it runs a query of its own");
        rejected(POSTGRES, "SELECT database_to_xmlschema(true, true, '')", "it runs a query of its own");
        rejected(DUCKDB, "SELECT * FROM query('SELECT * FROM secrets')", "it runs a query given as text");
        rejected(DUCKDB, "SELECT * FROM query_table('secrets')", "it runs a query given as text");
    }

    @Test
    void rejectsSetConfig() {
        rejected(POSTGRES, "SELECT set_config('default_transaction_read_only', 'off', false)",
                "function set_config is not allowed: it reads or changes server settings");
        rejected(POSTGRES, "SELECT current_setting('data_directory')", "function current_setting is not allowed");
        rejected(DUCKDB, "SELECT current_setting('enable_external_access')", "is not allowed");
        rejected(DUCKDB, "SELECT * FROM duckdb_settings()", "is not allowed");
    }

    @Test
    void rejectsServerAndSessionControl() {
        rejected(POSTGRES, "SELECT pg_terminate_backend(pid) FROM orders", "it controls the server or other sessions");
        rejected(POSTGRES, "SELECT pg_cancel_backend(1)", "it controls the server or other sessions");
        rejected(POSTGRES, "SELECT pg_reload_conf()", "it controls the server or other sessions");
        rejected(POSTGRES, "SELECT pg_sleep(3600)", "function pg_sleep is not allowed: it makes the server wait");
        rejected(POSTGRES, "SELECT pg_sleep_for('1 hour')", "it makes the server wait");
        rejected(POSTGRES, "SELECT pg_notify('c', 'x')", "it controls the server or other sessions");
        rejected(POSTGRES, "SELECT version()", "it reveals the server");
        rejected(POSTGRES, "SELECT current_user", "current_user is not allowed: it reads the database session");
        rejected(POSTGRES, "SELECT session_user, 1", "session_user is not allowed");
        rejected(POSTGRES, "SELECT user FROM orders", "user is not allowed");
    }

    @Test
    void rejectsAdvisoryLocksTransactionIdsAndSequences() {
        rejected(POSTGRES, "SELECT pg_advisory_lock(1)", "it takes locks or reads transaction state");
        rejected(POSTGRES, "SELECT pg_try_advisory_xact_lock(1)", "it takes locks");
        rejected(POSTGRES, "SELECT txid_current()", "it takes locks or reads transaction state");
        rejected(POSTGRES, "SELECT nextval('orders_id_seq')", "function nextval is not allowed: it advances or reads a sequence");
        rejected(POSTGRES, "SELECT setval('orders_id_seq', 1)", "sequence");
        rejected(POSTGRES, "SELECT NEXT VALUE FOR orders_id_seq", "is not allowed");
        rejected(POSTGRES, "SELECT setseed(0.5)", "random seed");
    }

    @Test
    void rejectsReadCsvTableFunction() {
        rejected(DUCKDB, "SELECT * FROM read_csv('/etc/passwd')", "function read_csv is not allowed: it reads files or URLs");
        for (String function : new String[] {"read_csv_auto", "read_parquet", "read_json", "read_json_auto",
                "read_ndjson", "read_text", "read_blob", "parquet_scan", "sniff_csv", "glob", "parquet_metadata"}) {
            rejected(DUCKDB, "SELECT * FROM " + function + "('/data/x')", "function " + function + " is not allowed");
        }
        rejected(DUCKDB, "SELECT count(*) FROM orders, read_text('/etc/passwd')", "it reads files or URLs");
    }

    @Test
    void rejectsFilePathAsTable() {
        rejected(DUCKDB, "SELECT * FROM '/etc/passwd'", "is not allowed as a table: a string in FROM reads a file");
        rejected(DUCKDB, "SELECT * FROM 'orders.csv'", "a string in FROM reads a file or URL");
        rejected(DUCKDB, "SELECT * FROM 'https://evil.example/x.parquet'", "a string in FROM reads a file or URL");
        rejected(DUCKDB, "SELECT * FROM 's3://bucket/*.parquet'", "a string in FROM reads a file or URL");
        rejected(DUCKDB, "SELECT o.* FROM orders o JOIN 'x.csv' c ON true", "a string in FROM reads a file");
        GuardVerdict unrestricted = new SqlGuard().check("SELECT * FROM 'data.csv'",
                GuardPolicy.of(DUCKDB, java.util.List.of(), 10));
        assertFalse(unrestricted.isAccepted(), "a file path is refused even without a table restriction");
    }

    @Test
    void rejectsTrinoSystemQueryPassThrough() {
        rejected(TRINO, "SELECT * FROM TABLE(system.query(query => 'DELETE FROM orders'))",
                "function system.query is not allowed: Trino's system procedures and table functions");
        rejected(TRINO, "SELECT * FROM TABLE(postgresql.system.query(query => 'SELECT 1'))", "is not allowed");
        rejected(TRINO, "SELECT * FROM system.runtime.queries", "it is a system catalog");
        rejected(TRINO, "SELECT * FROM system.runtime.nodes", "it is a system catalog");
        rejected(TRINO, "SELECT * FROM \"system\".\"runtime\".\"queries\"", "it is a system catalog");
        rejected(TRINO, "SELECT * FROM \"orders$files\"", "Trino's $ tables show storage metadata");
    }

    @Test
    void rejectsTableOutsideSchema() {
        rejectedEverywhere("SELECT * FROM secrets",
                "table secrets is not in the schema of this connection; its tables are: customers, orders,"
                        + " public.products");
        rejectedEverywhere("SELECT o.id FROM orders o JOIN secrets s ON s.id = o.id", "table secrets is not in the schema");
        rejectedEverywhere("SELECT * FROM orders WHERE id IN (SELECT id FROM secrets)", "table secrets");
        rejected(POSTGRES, "SELECT * FROM other_schema.orders", "table other_schema.orders is not in the schema");
        rejected(POSTGRES, "SELECT * FROM information_schema.tables", "it is a system catalog");
        rejected(POSTGRES, "SELECT * FROM pg_catalog.pg_authid", "it is a system catalog");
        rejected(POSTGRES, "SELECT * FROM pg_stat_activity", "it is a system catalog");
        rejected(DUCKDB, "SELECT * FROM duckdb_tables()", "is not allowed");
        rejected(DUCKDB, "SELECT * FROM sqlite_master", "it is a system catalog");
        rejected(POSTGRES, "TABLE secrets", "table secrets is not in the schema");
    }

    @Test
    void cteNamesShadowTablesOnlyWhereTheyAreVisible() {
        accepted(POSTGRES, "WITH secrets AS (SELECT id FROM orders) SELECT * FROM secrets");
        accepted(POSTGRES, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT * FROM n");
        rejected(POSTGRES, "SELECT * FROM (WITH secrets AS (SELECT 1) SELECT * FROM secrets) a, secrets",
                "table secrets is not in the schema");
        rejected(POSTGRES, "WITH secrets AS (SELECT * FROM secrets) SELECT * FROM secrets",
                "table secrets is not in the schema");
        rejected(POSTGRES, "WITH a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a", "table b is not in the schema");
    }

    @Test
    void rejectsFunctionHiddenInSubqueryCteOrLateral() {
        rejected(POSTGRES, "SELECT * FROM orders WHERE id IN (SELECT length(pg_read_file('/etc/passwd')))",
                "pg_read_file");
        rejected(POSTGRES, "WITH x AS (SELECT pg_read_file('/etc/passwd') AS f) SELECT * FROM x", "pg_read_file");
        rejected(POSTGRES, "SELECT * FROM orders o, LATERAL (SELECT pg_ls_dir('.') AS f) l", "pg_ls_dir");
        rejected(POSTGRES, "SELECT * FROM orders o CROSS JOIN LATERAL pg_ls_dir('.') f", "pg_ls_dir");
        rejected(POSTGRES, "SELECT (SELECT lo_import('/etc/passwd')) AS x FROM orders", "lo_import");
        rejected(POSTGRES, "SELECT EXISTS (SELECT 1 FROM orders WHERE pg_sleep(10) IS NULL)", "pg_sleep");
        rejected(POSTGRES, "SELECT CASE WHEN id > 0 THEN query_to_xml('x', true, true, '') END FROM orders",
                "query_to_xml");
        rejected(POSTGRES, "SELECT coalesce(NULL, pg_read_file('/etc/passwd'))::text FROM orders", "pg_read_file");
        rejected(POSTGRES, "SELECT id FROM orders UNION SELECT length(pg_read_file('x')) FROM orders", "pg_read_file");
        rejected(POSTGRES, "SELECT ARRAY[pg_read_file('x')]", "pg_read_file");
        rejected(POSTGRES, "SELECT payload -> pg_read_file('/etc/passwd') FROM orders", "pg_read_file");
        rejected(POSTGRES, "SELECT payload ->> (SELECT pg_read_file('x')) FROM orders", "pg_read_file");
        rejected(DUCKDB, "SELECT {'a': read_text('/etc/passwd')}", "read_text");
        rejected(DUCKDB, "SELECT list_transform([1], x -> read_text('/etc/passwd'))", "read_text");
    }

    @Test
    void rejectsCodeTheParserKeepsAsRawText() {
        rejected(POSTGRES, "SELECT CAST(total AS varchar(pg_read_file('x'))) FROM orders", "as raw text");
        rejected(POSTGRES, "SELECT * FROM orders FOR SYSTEM_TIME AS OF pg_read_file('x')", "as raw text");
        rejected(POSTGRES, "SELECT * FROM orders AT (TIMESTAMP => pg_read_file('x'))", "as raw text");
        accepted(POSTGRES, "SELECT total::numeric(10,2), CAST(total AS decimal(10, 2)), created_at::timestamp(3)"
                + " with time zone, name::varchar(20)[], total::double precision FROM orders");
    }

    @Test
    void rejectsFunctionInOrderByHavingOrWindow() {
        rejected(POSTGRES, "SELECT id FROM orders ORDER BY pg_sleep(1)", "pg_sleep");
        rejected(POSTGRES, "SELECT id FROM orders GROUP BY id HAVING count(*) > length(pg_read_file('x'))",
                "pg_read_file");
        rejected(POSTGRES, "SELECT sum(total) OVER (PARTITION BY pg_read_file('x')) FROM orders", "pg_read_file");
        rejected(POSTGRES, "SELECT rank() OVER (ORDER BY lo_import('/etc/passwd')) FROM orders", "lo_import");
        rejected(POSTGRES, "SELECT count(*) FILTER (WHERE pg_sleep(1) IS NULL) FROM orders", "pg_sleep");
        rejected(POSTGRES, "SELECT id FROM orders GROUP BY pg_read_file('x'), id", "pg_read_file");
        rejected(POSTGRES, "SELECT id FROM orders LIMIT length(pg_read_file('x'))", "pg_read_file");
        rejected(POSTGRES, "SELECT id FROM orders o JOIN customers c ON pg_sleep(1) IS NULL", "pg_sleep");
        rejected(DUCKDB, "SELECT id FROM orders QUALIFY row_number() OVER (ORDER BY read_text('x')) = 1",
                "read_text");
    }

    @Test
    void rejectsUnknownAndSchemaQualifiedFunctions() {
        rejected(POSTGRES, "SELECT my_udf(id) FROM orders",
                "function my_udf is not allowed: it is not among the built-in aggregate");
        rejected(POSTGRES, "SELECT public.lower(name) FROM customers",
                "function public.lower is not allowed: only built-in functions may be called");
        accepted(POSTGRES, "SELECT pg_catalog.lower(name) FROM customers");
    }

    @Test
    void rejectsParametersAndVariables() {
        rejected(POSTGRES, "SELECT * FROM orders WHERE id = ?", "parameters and variables are not allowed");
        rejected(POSTGRES, "SELECT * FROM orders WHERE id = :id", "parameters and variables are not allowed");
        rejected(POSTGRES, "SELECT * FROM orders WHERE id = $1", "parameters and variables are not allowed");
    }

    @Test
    void rejectsStringsThatEndDifferentlyUnderBackslashEscapes() {
        rejected(POSTGRES, "SELECT 'a\\', pg_read_file('/etc/passwd') --'", "is not allowed");
        rejected(POSTGRES, "SELECT 'x\\' AS a FROM orders", "a backslash before a quote");
        assertTrue(accepted(POSTGRES, "SELECT regexp_replace(name, '\\d+', '') FROM customers").contains("'\\d+'"));
    }

    @Test
    void rejectsEmptyOversizedDeeplyNestedAndUnreadableSql() {
        rejectedEverywhere("", "the SQL is empty");
        rejectedEverywhere(" -- nothing\n ; ", "the SQL is empty");
        rejectedEverywhere("SELECT 1 FROM orders WHERE " + "id = 1 OR ".repeat(6000) + "id = 2",
                "characters long; at most 50000 are allowed");
        rejected(POSTGRES, "SELECT FROM WHERE", "could not be parsed as postgres");
        rejected(POSTGRES, "SELECT a FROM orders WHERE id =", "Encountered the end of the SQL");
        rejectedEverywhere("SELECT " + "(".repeat(2000) + "1" + ")".repeat(2000), "nested more than 100 levels");
        accepted(POSTGRES, "SELECT " + "(".repeat(60) + "1" + ")".repeat(60));
    }
}
