package io.kurobe.data.mschema;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.DemoFixture;
import io.kurobe.data.Engine;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.data.duckdb.DuckDbConnector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Golden files in src/test/resources/golden; after a deliberate format change, rewrite them with
 * {@code -Dkurobe.golden.update=true} and review the diff.
 */
class MSchemaTest {
    @Test
    void rendersTheWholeDemoSchema() throws IOException {
        assertGolden("demo.txt", MSchema.render(demo()));
    }

    @Test
    void rendersALinkedSubsetOfTheDemoSchema() throws IOException {
        SchemaSelection selection = SchemaSelection.builder()
                .column("orders", "order_date")
                .column("orders", "total_amount")
                .matched("orders", "status", "returned")
                .matched("customers", "segment", "Corporate")
                .build();
        assertGolden("demo-linked.txt", MSchema.render(demo(), selection));
    }

    @Test
    void rendersEveryRuleOnAHandBuiltSchema() throws IOException {
        assertGolden("rules.txt", MSchema.render(handBuilt()));
    }

    @Test
    void rendersALinkedSubsetOfTheHandBuiltSchema() throws IOException {
        SchemaSelection selection = SchemaSelection.builder()
                .matched("accounts", "name", "Zoe")
                .matched("accounts", "name", "Bob")
                .matched("payments", "amount", "99.5")
                .table("audit_log")
                .build();
        assertGolden("rules-linked.txt", MSchema.render(handBuilt(), selection));
    }

    private static SchemaSnapshot demo() {
        try (DuckDbConnector connector = new DuckDbConnector("demo", DemoFixture.demoUrl())) {
            return connector.introspect();
        }
    }

    /** One column per rule of shared/MSCHEMA.md. */
    static SchemaSnapshot handBuilt() {
        TableInfo accounts = new TableInfo("accounts", "customer accounts", 5, List.of(
                new ColumnInfo("id", "INTEGER", "account id", true, List.of("1", "2", "3", "4", "5")),
                new ColumnInfo("name", "VARCHAR(100)", "", false, List.of("Ann", "Bob", "Cy")),
                new ColumnInfo("email", "VARCHAR", "login e-mail", false, List.of("ann@example.com", "bob")),
                new ColumnInfo("homepage", "varchar", "", false, List.of("see https://example.org", "x")),
                new ColumnInfo("created_at", "TIMESTAMP", "", false,
                        List.of("2024-01-03T10:00:00", "2024-02-01T11:30:00")),
                new ColumnInfo("born_on", "date", "", false, List.of("1990-04-01", "1985-12-24")),
                new ColumnInfo("balance", "DECIMAL(12,2)", "  balance in EUR  ", false,
                        List.of("19.90", "250.00", "0.50", "7")),
                new ColumnInfo("score", "DOUBLE", "", false, List.of("3.0", "1.0E7")),
                new ColumnInfo("bio", "TEXT", "", false,
                        List.of("short", "a biography of thirty-four letters", "x")),
                new ColumnInfo("notes", "VARCHAR", "", false,
                        List.of("n".repeat(51), "y")),
                new ColumnInfo("active", "BOOLEAN", "", false, List.of()),
                new ColumnInfo("nickname", "VARCHAR", null, false, List.of("", "Al"))));
        TableInfo payments = new TableInfo("payments", "", 3, List.of(
                new ColumnInfo("payment_id", "BIGINT", "", true, List.of("10", "11")),
                new ColumnInfo("account_id", "INTEGER", "", false, List.of("1", "2")),
                new ColumnInfo("paid_on", "DATE", "", false, List.of("2024-05-01", "2024-05-02")),
                new ColumnInfo("amount", "NUMERIC(10,2)", "", false, List.of("12.00", "99.50")),
                new ColumnInfo("method", "VARCHAR", "card or transfer", false, List.of("card", "transfer"))));
        TableInfo items = new TableInfo("payment_items", "", 4, List.of(
                new ColumnInfo("payment_id", "BIGINT", "", true, List.of("10")),
                new ColumnInfo("item_no", "INTEGER", "", true, List.of("1", "2"))));
        TableInfo audit = new TableInfo("audit_log", "who changed what", 0, List.of(
                new ColumnInfo("entry", "VARCHAR", "", false, List.of())));
        return new SchemaSnapshot("shop", Engine.DUCKDB, List.of(accounts, audit, items, payments),
                List.of(new ForeignKey("payments", "account_id", "accounts", "id"),
                        new ForeignKey("payment_items", "payment_id", "payments", "payment_id")),
                "not-used-by-the-renderer");
    }


    private static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("kurobe.golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden", name), actual + "\n", StandardCharsets.UTF_8);
        }
        try (InputStream in = MSchemaTest.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "golden file " + name);
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual + "\n");
        }
    }
}
