package io.kurobe.data.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kurobe.data.Engine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.kurobe.data.guard.GuardAssertions.accepted;
import static io.kurobe.data.guard.GuardAssertions.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The SQLite dialect: its own functions read, its file, extension, pragma and attach doors stay shut. */
class SqliteGuardTest {
    private static final Path SPIDER =
            Path.of(System.getProperty("kurobe.spider.dir", "../../shared/bench/spider-public"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsSqliteFunctions() {
        accepted(Engine.SQLITE, "SELECT strftime('%Y', placed) AS y, ifnull(note, '-'), group_concat(id) FROM orders"
                + " GROUP BY 1");
        accepted(Engine.SQLITE, "SELECT julianday(placed) - julianday('2020-01-01'), iif(total > 10, 'big', 'small'),"
                + " instr(name, 'a'), total(total) FROM orders JOIN customers ON customers.id = orders.customer_id");
        accepted(Engine.SQLITE, "SELECT \"name\" FROM main.customers WHERE name LIKE 'A%'");
    }

    @Test
    void refusesAttachPragmaAndWrites() {
        rejected(Engine.SQLITE, "ATTACH DATABASE '/tmp/x.db' AS x", "");
        rejected(Engine.SQLITE, "DETACH DATABASE x", "");
        rejected(Engine.SQLITE, "PRAGMA query_only = 0", "");
        rejected(Engine.SQLITE, "PRAGMA writable_schema = 1", "");
        rejected(Engine.SQLITE, "INSERT INTO customers (id) VALUES (1)", "");
        rejected(Engine.SQLITE, "DELETE FROM customers", "");
        rejected(Engine.SQLITE, "UPDATE customers SET name = 'x'", "");
        rejected(Engine.SQLITE, "DROP TABLE customers", "");
        rejected(Engine.SQLITE, "VACUUM INTO '/tmp/copy.db'", "");
        rejected(Engine.SQLITE, "SELECT 1; DELETE FROM customers", "only one statement");
    }

    @Test
    void refusesExtensionsFilesAndCatalogs() {
        rejected(Engine.SQLITE, "SELECT load_extension('/tmp/evil.so')", "load_extension");
        rejected(Engine.SQLITE, "SELECT readfile('/etc/passwd')", "readfile");
        rejected(Engine.SQLITE, "SELECT writefile('/tmp/x', name) FROM customers", "writefile");
        rejected(Engine.SQLITE, "SELECT edit(name, 'vi') FROM customers", "edit");
        rejected(Engine.SQLITE, "SELECT fts3_tokenizer('simple')", "fts3_tokenizer");
        rejected(Engine.SQLITE, "SELECT sql FROM sqlite_master", "sqlite_master");
        rejected(Engine.SQLITE, "SELECT * FROM pragma_table_info('customers')", "pragma_table_info");
        rejected(Engine.SQLITE, "SELECT sqlite_version()", "sqlite_version");
    }

    @Test
    void acceptsEverySpiderGoldQueryUnderSqliteRules() throws IOException {
        assumeTrue(Files.isDirectory(SPIDER), "Spider directory " + SPIDER.toAbsolutePath()
                + " is absent; set -Dkurobe.spider.dir to run Spider's gold through the SQLite rules");
        Map<String, List<String>> tables = new HashMap<>();
        for (JsonNode db : JSON.readTree(SPIDER.resolve("tables.json").toFile())) {
            List<String> names = new ArrayList<>();
            db.get("table_names_original").forEach(n -> names.add(n.asText()));
            tables.put(db.get("db_id").asText(), names);
        }
        SqlGuard guard = new SqlGuard();
        List<String> refused = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(SPIDER.resolve("questions.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode q = JSON.readTree(line);
            checked++;
            GuardVerdict verdict = guard.check(q.get("gold_sql").asText(),
                    GuardPolicy.of(Engine.SQLITE, tables.get(q.get("db_id").asText()), 1000));
            if (!verdict.isAccepted()) {
                refused.add(q.get("id").asText() + ": " + verdict.reason());
            }
        }
        assertTrue(checked > 0, "no question under " + SPIDER);
        assertEquals(List.of(), refused, refused.size() + " of " + checked + " Spider gold queries refused");
    }
}
