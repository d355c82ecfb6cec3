package io.kurobe.generation.offline;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Engine;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.model.MatchedValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The questions a newcomer asks first (an invoice's total, units sold, money spent, the N largest rows, a time
 * series, a term the guidance defines in words), read as rules over names and types on a hand-made billing schema
 * (joins from column names), each answer executed on an in-memory DuckDB holding the same rows.
 */
class OfflineGeneralRulesTest {
    private static final SchemaSnapshot BILLING = new SchemaSnapshot("billing", Engine.DUCKDB, List.of(
            new TableInfo("districts", "", -1, List.of(
                    new ColumnInfo("district_id", "INTEGER", "", true, List.of("1", "2")),
                    new ColumnInfo("district_name", "VARCHAR", "", false, List.of("North", "South")),
                    new ColumnInfo("country", "VARCHAR", "", false, List.of("Norway", "Spain")))),
            new TableInfo("clients", "", -1, List.of(
                    new ColumnInfo("client_id", "INTEGER", "", true, List.of("1", "2")),
                    new ColumnInfo("client_name", "VARCHAR", "", false, List.of("Ada", "Ben")),
                    new ColumnInfo("tier", "VARCHAR", "", false, List.of("gold", "silver")),
                    new ColumnInfo("district_id", "INTEGER", "", false, List.of("1")))),
            new TableInfo("items", "", -1, List.of(
                    new ColumnInfo("item_id", "INTEGER", "", true, List.of("1", "2")),
                    new ColumnInfo("item_name", "VARCHAR", "", false, List.of("Bolt", "Saw")),
                    new ColumnInfo("family", "VARCHAR", "", false, List.of("hardware", "tools")),
                    new ColumnInfo("total_stock", "INTEGER", "", false, List.of("40")),
                    new ColumnInfo("list_price", "DECIMAL(8,2)", "", false, List.of("1.00")))),
            new TableInfo("invoices", "", -1, List.of(
                    new ColumnInfo("invoice_id", "INTEGER", "", true, List.of("1", "2")),
                    new ColumnInfo("client_id", "INTEGER", "", false, List.of("1")),
                    new ColumnInfo("issued_on", "DATE", "", false, List.of("2024-03-10")),
                    new ColumnInfo("state", "VARCHAR", "", false, List.of("paid", "open", "void")),
                    new ColumnInfo("amount_total", "DECIMAL(10,2)", "", false, List.of("100.00")))),
            new TableInfo("invoice_lines", "", -1, List.of(
                    new ColumnInfo("invoice_id", "INTEGER", "", false, List.of("1")),
                    new ColumnInfo("line_no", "INTEGER", "", false, List.of("1")),
                    new ColumnInfo("item_id", "INTEGER", "", false, List.of("1")),
                    new ColumnInfo("qty", "INTEGER", "", false, List.of("10")),
                    new ColumnInfo("item_price", "DECIMAL(8,2)", "", false, List.of("1.00"))))),
            List.of(), "fp-billing-general");

    private static Connection duck;
    private final OfflineEngine engine = new OfflineEngine();

    @BeforeAll
    static void data() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE districts AS SELECT * FROM (VALUES (1, 'North', 'Norway'), (2, 'South', 'Spain'))"
                    + " AS v(district_id, district_name, country)");
            s.execute("CREATE TABLE clients AS SELECT * FROM (VALUES (1, 'Ada', 'gold', 1), (2, 'Ben', 'silver', 2),"
                    + " (3, 'Cy', 'gold', 2)) AS v(client_id, client_name, tier, district_id)");
            s.execute("CREATE TABLE items (item_id INTEGER, item_name VARCHAR, family VARCHAR, total_stock INTEGER,"
                    + " list_price DECIMAL(8,2))");
            s.execute("INSERT INTO items VALUES (1, 'Bolt', 'hardware', 40, 1.00), (2, 'Saw', 'tools', 5, 20.00),"
                    + " (3, 'Nut', 'hardware', 60, 0.50)");
            s.execute("CREATE TABLE invoices (invoice_id INTEGER, client_id INTEGER, issued_on DATE, state VARCHAR,"
                    + " amount_total DECIMAL(10,2))");
            s.execute("INSERT INTO invoices VALUES (1, 1, DATE '2023-05-01', 'paid', 100.00),"
                    + " (2, 2, DATE '2024-03-10', 'paid', 300.00), (3, 3, DATE '2024-03-20', 'void', 50.00),"
                    + " (4, 1, DATE '2024-07-01', 'open', 500.00), (5, 2, DATE '2024-03-05', 'open', 20.00)");
            s.execute("CREATE TABLE invoice_lines (invoice_id INTEGER, line_no INTEGER, item_id INTEGER, qty INTEGER,"
                    + " item_price DECIMAL(8,2))");
            // Ben's lines carry the dearest item prices, Ada's invoices the largest amounts
            s.execute("INSERT INTO invoice_lines VALUES (1, 1, 1, 10, 1.00), (1, 2, 2, 4, 20.00), (2, 1, 3, 100, 0.50),"
                    + " (3, 1, 2, 2, 20.00), (4, 1, 1, 50, 1.00), (5, 1, 2, 1, 90.00)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duck.close();
    }

    private String sql(String question, MatchedValue... values) {
        return OfflineFixture.sql(engine, BILLING, question, values);
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        return OfflineFixture.rows(duck, sql);
    }

    private static List<String> lastColumn(List<List<String>> rows) {
        return rows.stream().map(r -> r.get(r.size() - 1)).sorted().toList();
    }

    @Test
    void aTablesNameThenTotalOrAmountNamesItsMoneyColumn() throws SQLException {
        String average = sql("What is the average invoice total?");
        assertTrue(average.contains("AVG(invoices.amount_total)"), average);
        assertEquals(List.of(List.of("194.000")), rows("SELECT CAST(x AS DECIMAL(10,3)) FROM (" + average + ") AS t(x)"));
        String perDistrict = sql("What is the total invoice amount per district?");
        assertTrue(perDistrict.contains("SUM(invoices.amount_total)"), perDistrict);
        assertEquals(List.of("370.00", "600.00"), lastColumn(rows(perDistrict)), perDistrict);
        String march = sql("What was the total invoice amount in March 2024?");
        assertEquals(List.of(List.of("370.00")), rows(march), march);
    }

    @Test
    void unitsSoldSumTheQuantityColumn() throws SQLException {
        String sql = sql("How many units were sold in each item family?");
        assertTrue(sql.contains("SUM(invoice_lines.qty)"), sql);
        List<List<String>> rows = rows(sql + " ORDER BY 1");
        assertEquals(List.of(List.of("hardware", "160"), List.of("tools", "7")), rows, sql);
    }

    @Test
    void moneySpentIsTheAmountPaidNotAUnitPrice() throws SQLException {
        String sql = sql("Which 2 clients spent the most in total?");
        assertTrue(sql.contains("SUM(invoices.amount_total)"), sql);
        List<List<String>> rows = rows(sql);
        // by item prices Ben (90.50) would come first
        assertEquals(2, rows.size(), sql);
        assertTrue(rows.get(0).contains("Ada") && rows.get(0).contains("600.00"), rows.toString());
        assertTrue(rows.get(1).contains("Ben"), rows.toString());
    }

    @Test
    void aTimeSeriesIsOrderedByItsBucket() throws SQLException {
        String sql = sql("How many invoices were issued each year?");
        assertTrue(sql.contains("ORDER BY"), sql);
        List<List<String>> rows = rows(sql);
        assertEquals(List.of("1", "4"), rows.stream().map(r -> r.get(1)).toList(), sql);
        assertTrue(rows.get(0).get(0).startsWith("2023"), rows.toString());
    }

    @Test
    void perTheTablesOwnRowIsAPlainAggregate() throws SQLException {
        String sql = sql("What is the average quantity per invoice line?");
        assertFalse(sql.contains("GROUP BY"), sql);
        List<List<String>> rows = rows(sql);
        assertEquals(1, rows.size(), sql);
        assertEquals(27.833, Double.parseDouble(rows.get(0).get(0)), 0.001, sql);
    }

    @Test
    void aTermTheGuidanceDefinesInASentenceIsSpelledOut() throws SQLException {
        MatchedValue paid = new MatchedValue("invoices", "state", "paid", "paid", 1.0);
        MatchedValue open = new MatchedValue("invoices", "state", "open", "open", 1.0);
        String sql = sql("What was the settled revenue in 2024?\n\nSettled revenue is the total amount of paid and open"
                + " invoices.", paid, open);
        assertTrue(sql.contains("SUM(invoices.amount_total)"), sql);
        // 2024's paid and open invoices: 300 + 500 + 20; the void one and 2023's are left out
        assertEquals(List.of(List.of("820.00")), rows(sql), sql);
    }

    @Test
    void theNLargestRowsByAColumnAreListedNotSummed() throws SQLException {
        String sql = sql("What are the 3 largest invoices by total amount?");
        assertFalse(sql.contains("SUM("), sql);
        assertEquals(List.of("4", "2", "1"), rows(sql).stream().map(r -> r.get(0)).toList(), sql);
    }

    @Test
    void theLargestValueForEachGroupIsItsMaximum() throws SQLException {
        String sql = sql("What is the largest invoice total for each state?");
        assertTrue(sql.contains("MAX(invoices.amount_total)"), sql);
        assertEquals(List.of(List.of("open", "500.00"), List.of("paid", "300.00"), List.of("void", "50.00")),
                rows(sql + " ORDER BY 1"), sql);
    }

    @Test
    void anAggregatesAliasDoesNotRepeatTheColumnsOwnAggregateWord() throws SQLException {
        String sql = sql("What is the total stock of items?");
        assertTrue(sql.contains("SUM(items.total_stock) AS sum_total_stock"), sql);
        assertEquals(List.of(List.of("105")), rows(sql), sql);
    }
}
