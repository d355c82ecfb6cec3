package io.kurobe.generation.offline;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Engine;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.generation.GenerationRequest;
import io.kurobe.generation.Generated;
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
 * The offline engine on a small hand-made lending-library schema (no declared foreign keys: joins come from
 * column names), each answer executed on an in-memory DuckDB holding the same tables.
 */
class OfflineEngineTest {
    private static final SchemaSnapshot LIBRARY = new SchemaSnapshot("library", Engine.DUCKDB, List.of(
            new TableInfo("branches", "", -1, List.of(
                    new ColumnInfo("branch_id", "INTEGER", "", true, List.of("1", "2")),
                    new ColumnInfo("branch_name", "VARCHAR", "", false, List.of("Central", "Harbour")),
                    new ColumnInfo("city", "VARCHAR", "", false, List.of("Oslo")))),
            new TableInfo("members", "", -1, List.of(
                    new ColumnInfo("member_id", "INTEGER", "", true, List.of("1", "2", "3")),
                    new ColumnInfo("name", "VARCHAR", "", false, List.of("Ada", "Bo", "Cy")),
                    new ColumnInfo("joined_on", "DATE", "day the member joined", false, List.of("2022-05-01")))),
            new TableInfo("books", "", -1, List.of(
                    new ColumnInfo("book_id", "INTEGER", "", true, List.of("1", "2")),
                    new ColumnInfo("title", "VARCHAR", "", false, List.of("Dune", "Emma")),
                    new ColumnInfo("pages", "INTEGER", "", false, List.of("412", "300")),
                    new ColumnInfo("price", "DECIMAL(8,2)", "", false, List.of("9.50")))),
            new TableInfo("loans", "", -1, List.of(
                    new ColumnInfo("loan_id", "INTEGER", "", true, List.of("1", "2")),
                    new ColumnInfo("member_id", "INTEGER", "", false, List.of("1")),
                    new ColumnInfo("book_id", "INTEGER", "", false, List.of("1")),
                    new ColumnInfo("branch_id", "INTEGER", "", false, List.of("1")),
                    new ColumnInfo("loaned_on", "DATE", "", false, List.of("2023-02-01")),
                    new ColumnInfo("fine_amount", "DECIMAL(8,2)", "", false, List.of("0.00", "2.50"))))),
            List.of(), "fp");

    private static Connection duck;
    private final OfflineEngine engine = new OfflineEngine();

    @BeforeAll
    static void data() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE branches (branch_id INTEGER, branch_name VARCHAR, city VARCHAR)");
            s.execute("INSERT INTO branches VALUES (1, 'Central', 'Oslo'), (2, 'Harbour', 'Oslo'), (3, 'Hill', 'Bergen')");
            s.execute("CREATE TABLE members (member_id INTEGER, name VARCHAR, joined_on DATE)");
            s.execute("INSERT INTO members VALUES (1, 'Ada', DATE '2022-05-01'), (2, 'Bo', DATE '2023-01-10'),"
                    + " (3, 'Cy', DATE '2023-03-03')");
            s.execute("CREATE TABLE books (book_id INTEGER, title VARCHAR, pages INTEGER, price DECIMAL(8,2))");
            s.execute("INSERT INTO books VALUES (1, 'Dune', 412, 9.50), (2, 'Emma', 300, 12.00), (3, 'Ulysses', 730, 20.00)");
            s.execute("CREATE TABLE loans (loan_id INTEGER, member_id INTEGER, book_id INTEGER, branch_id INTEGER,"
                    + " loaned_on DATE, fine_amount DECIMAL(8,2))");
            s.execute("INSERT INTO loans VALUES (1, 1, 1, 1, DATE '2023-02-01', 0.00), (2, 1, 2, 1, DATE '2023-06-01', 2.50),"
                    + " (3, 2, 1, 2, DATE '2022-11-20', 1.00), (4, 1, 3, 2, DATE '2023-07-04', 4.00)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duck.close();
    }

    private String sql(String question, MatchedValue... values) {
        return OfflineFixture.sql(engine, LIBRARY, question, values);
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        return OfflineFixture.rows(duck, sql);
    }

    @Test
    void anOrdersTableNamedBeforeByIsNotAnOrderingAndTheByGroups() throws SQLException {
        SchemaSnapshot shop = new SchemaSnapshot("shop", Engine.DUCKDB, List.of(
                new TableInfo("orders", "", -1, List.of(
                        new ColumnInfo("order_id", "INTEGER", "", true, List.of("1", "2")),
                        new ColumnInfo("status", "VARCHAR", "", false, List.of("shipped", "cancelled")),
                        new ColumnInfo("total_amount", "DECIMAL(10,2)", "", false, List.of("10.00"))))),
                List.of(), "fp-shop");
        Generated generated = engine.generate(new GenerationRequest("What is the total amount of orders by status?",
                "duckdb", "", shop, List.of(), 1000));
        String sql = generated.sql().orElseThrow(() -> new AssertionError(generated.reason()));
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE orders (order_id INTEGER, status VARCHAR, total_amount DECIMAL(10,2))");
            s.execute("INSERT INTO orders VALUES (1, 'shipped', 10.00), (2, 'shipped', 5.00), (3, 'cancelled', 7.00)");
        }
        assertTrue(sql.contains("GROUP BY orders.status"), sql);
        assertEquals(List.of(List.of("cancelled", "7.00"), List.of("shipped", "15.00")), rows(sql + " ORDER BY 1"));
    }

    @Test
    void whichNThingsWithTheMostIsATopN() throws SQLException {
        String sql = sql("Which 2 members made the most loans?");
        List<List<String>> rows = rows(sql);
        assertEquals(2, rows.size(), sql);
        assertTrue(rows.get(0).contains("Ada"), rows + " from " + sql);
    }

    @Test
    void countsPerEntityJoiningOnSharedKeyNames() throws SQLException {
        String sql = sql("How many loans does each member have?");
        assertTrue(sql.contains("JOIN members ON loans.member_id = members.member_id"), sql);
        List<List<String>> rows = rows(sql + " ORDER BY 1");
        assertEquals(List.of(List.of("1", "Ada", "3"), List.of("2", "Bo", "1")), rows);
    }

    @Test
    void ranksGroupsByATotalAndKeepsTheTopN() throws SQLException {
        List<List<String>> rows = rows(sql("What are the top 1 branches by total fine amount?"));
        assertEquals(1, rows.size());
        List<String> row = rows.get(0);
        assertEquals(List.of("Harbour", "5.00"), row.subList(row.size() - 2, row.size()));
    }

    @Test
    void ordersByTheNamedNumberForASuperlative() throws SQLException {
        List<List<String>> rows = rows(sql("Which book has the highest price?"));
        assertEquals(1, rows.size());
        assertEquals("Ulysses", rows.get(0).get(1));
    }

    @Test
    void listsRowsWithoutRelatedRowsWithNotExists() throws SQLException {
        String sql = sql("Which members have not made any loans?");
        assertTrue(sql.contains("NOT EXISTS"), sql);
        assertEquals(List.of(List.of("3", "Cy")), rows(sql));
    }

    @Test
    void filtersOnAValueOfAnotherTableAndAYear() throws SQLException {
        MatchedValue central = new MatchedValue("branches", "branch_name", "Central", "Central", 1.0);
        String sql = sql("How many loans were made at the Central branch in 2023?", central);
        assertTrue(sql.contains("branches.branch_name = 'Central'"), sql);
        assertEquals(List.of(List.of("2")), rows(sql));
    }

    @Test
    void dividesTwoNumbersOfOneRowSafely() throws SQLException {
        String sql = sql("What is the ratio of pages to price for each book?");
        assertTrue(sql.contains("NULLIF"), sql);
        List<List<String>> rows = rows(sql + " ORDER BY 1");
        assertEquals(3, rows.size());
        assertEquals(412 / 9.5, Double.parseDouble(rows.get(0).get(rows.get(0).size() - 1)), 1e-4);
    }

    @Test
    void comparesANumberNamedBeforeTheThreshold() throws SQLException {
        List<List<String>> rows = rows(sql("List the books with pages over 400"));
        assertEquals(2, rows.size());
    }

    @Test
    void spellsOutTermsTheGuidanceDefines() throws SQLException {
        String sql = sql("What is the TLF in 2023?\n\nTLF = total fine amount of loans. Formulas like"
                + " XR = (a / b) are not spelled out.");
        assertEquals(List.of(List.of("6.50")), rows(sql));
        Glossary glossary = Glossary.of("What is the XR?\n\nXR = (fines / loans)");
        assertEquals("What is the XR?", glossary.question());
        assertTrue(glossary.terms().isEmpty());
    }

    @Test
    void declinesWithAReasonWhenNothingMaps() {
        Generated generated = engine.generate(new GenerationRequest("What will the weather be tomorrow?", "duckdb", "",
                LIBRARY, List.of(), 1000));
        assertFalse(generated.sql().isPresent());
        assertTrue(generated.reason().contains("no table or column"), generated.reason());
    }

    @Test
    void readsGluedAndPrefixedIdentifiers() {
        SchemaIndex index = new SchemaIndex(new SchemaSnapshot("broker", Engine.POSTGRES, List.of(
                new TableInfo("sbcustomer", "", -1, List.of(
                        new ColumnInfo("sbcustid", "VARCHAR", "", false, List.of()),
                        new ColumnInfo("sbcustname", "VARCHAR", "", false, List.of()),
                        new ColumnInfo("sbcustjoindate", "DATE", "", false, List.of()))),
                new TableInfo("sbtrade", "", -1, List.of(
                        new ColumnInfo("sbtrid", "VARCHAR", "", false, List.of()),
                        new ColumnInfo("sbtrcustid", "VARCHAR", "", false, List.of()),
                        new ColumnInfo("sbtramount", "NUMERIC", "", false, List.of()))),
                new TableInfo("sbtickers", "", -1, List.of(
                        new ColumnInfo("sbtickerid", "VARCHAR", "", false, List.of())))), List.of(), "fp"));
        SchemaIndex.Table customer = index.tables.get(0);
        assertEquals(List.of("customer"), customer.words);
        assertEquals("sbcustid", customer.key().name());
        assertEquals(List.of("join", "date"), customer.column("sbcustjoindate").orElseThrow().words());
        // sbtrcustid ends like sbcustid and names the customer table: a join
        assertTrue(index.path(index.tables.get(1), customer).isPresent());
    }
}
