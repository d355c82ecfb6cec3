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
 * Capabilities of the offline engine on a hand-made shop schema (joins from column names, no declared foreign
 * keys), each answer executed on an in-memory DuckDB holding the same rows.
 */
class OfflineCapabilitiesTest {
    private static final SchemaSnapshot SHOP = new SchemaSnapshot("shop", Engine.DUCKDB, List.of(
            new TableInfo("products", "", -1, List.of(
                    new ColumnInfo("product_id", "INTEGER", "", true, List.of("1", "2")),
                    new ColumnInfo("product_name", "VARCHAR", "", false, List.of("Desk Lamp", "Chair")),
                    new ColumnInfo("brand", "VARCHAR", "", false, List.of("Acme", "Zeta")),
                    new ColumnInfo("unit_cost", "DECIMAL(8,2)", "", false, List.of("10.00")))),
            new TableInfo("customers", "", -1, List.of(
                    new ColumnInfo("customer_id", "INTEGER", "", true, List.of("1", "2")),
                    new ColumnInfo("customer_name", "VARCHAR", "", false, List.of("Anna", "Luiz")),
                    new ColumnInfo("state", "VARCHAR", "", false, List.of("CA", "NY")),
                    new ColumnInfo("nickname", "VARCHAR", "null when the customer gave no nickname", false,
                            List.of("Annie")))),
            new TableInfo("orders", "", -1, List.of(
                    new ColumnInfo("order_id", "INTEGER", "", true, List.of("1", "2")),
                    new ColumnInfo("customer_id", "INTEGER", "", false, List.of("1")),
                    new ColumnInfo("product_id", "INTEGER", "", false, List.of("1")),
                    new ColumnInfo("order_date", "DATE", "", false, List.of("2023-02-01")),
                    new ColumnInfo("sale_price", "DECIMAL(8,2)", "", false, List.of("25.00"))))),
            List.of(), "fp-shop-capabilities");

    private static Connection duck;
    private final OfflineEngine engine = new OfflineEngine();

    @BeforeAll
    static void data() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE products (product_id INTEGER, product_name VARCHAR, brand VARCHAR, unit_cost DECIMAL(8,2))");
            s.execute("INSERT INTO products VALUES (1, 'Desk Lamp', 'Acme', 10.00), (2, 'Chair', 'Zeta', 30.00),"
                    + " (3, 'Floor Lamp', 'Zeta', 20.00), (4, 'Table', 'Acme', 50.00), (5, 'Stool', 'Nord', 5.00)");
            s.execute("CREATE TABLE customers (customer_id INTEGER, customer_name VARCHAR, state VARCHAR, nickname VARCHAR)");
            s.execute("INSERT INTO customers VALUES (1, 'Anna', 'CA', 'Annie'), (2, 'Luiz', 'NY', NULL),"
                    + " (3, 'Bob', 'CA', NULL), (4, 'Ava', 'TX', 'Av')");
            s.execute("CREATE TABLE orders (order_id INTEGER, customer_id INTEGER, product_id INTEGER, order_date DATE,"
                    + " sale_price DECIMAL(8,2))");
            // Chair sells once for much; Desk Lamp sells often for little
            s.execute("INSERT INTO orders VALUES (1, 1, 1, DATE '2023-02-01', 15.00), (2, 2, 1, DATE '2023-02-03', 15.00),"
                    + " (3, 3, 1, DATE '2023-03-01', 15.00), (4, 1, 2, DATE '2023-03-05', 90.00),"
                    + " (5, 2, 3, DATE '2023-04-01', 30.00), (6, 1, 4, DATE '2023-04-02', 70.00)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        duck.close();
    }

    private String sql(String question, MatchedValue... values) {
        return OfflineFixture.sql(engine, SHOP, question, values);
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        return OfflineFixture.rows(duck, sql);
    }

    @Test
    void aMoneyWordAfterByIsTheRankingMeasureEvenWhenAColumnIsNamedNext() throws SQLException {
        String sql = sql("What are the top 2 products by total revenue? Return the product name, total number of orders"
                + " and total revenue.");
        assertTrue(sql.contains("SUM(orders.sale_price)"), sql);
        List<List<String>> rows = rows(sql);
        assertEquals(2, rows.size(), sql);
        // by revenue Chair (90) then Table (70); by number of orders Desk Lamp would come first
        assertEquals("Chair", rows.get(0).get(0), rows + " from " + sql);
        assertEquals("Table", rows.get(1).get(0), rows + " from " + sql);
    }

    @Test
    void patternsSaidWithOrHoldAsOneDisjunction() throws SQLException {
        String sql = sql("How many customers have a name starting with A or ending with 'z', and live in a state"
                + " ending with 'A'?");
        assertTrue(sql.contains(" OR "), sql);
        // Anna (CA) and Bob (CA) live in a state ending with A; of them only Anna's name starts with A or ends with z
        assertEquals(List.of(List.of("1")), rows(sql));
        String both = sql("How many customers have a name starting with A and ending with 'a'?");
        assertFalse(both.contains(" OR "), both);
        // Anna and Ava
        assertEquals(List.of(List.of("2")), rows(both));
    }

    @Test
    void quotedPartsOfTwoColumnsSaidWithOrMatchEither() throws SQLException {
        String sql = sql("Which products have 'Acme' in their brand or 'Lamp' in the product name?");
        List<List<String>> rows = rows(sql + " ORDER BY 1");
        List<String> ids = rows.stream().map(r -> r.get(0)).toList();
        assertEquals(List.of("1", "3", "4"), ids, sql);
    }

    @Test
    void computesATermTheGuidanceDefinesByAFormulaPerGroup() throws SQLException {
        String sql = sql("Which brand has the highest MKP?\n\nMKP = (total revenue - total unit cost) / total unit cost * 100");
        assertTrue(sql.contains("NULLIF("), sql);
        List<List<String>> rows = rows(sql);
        // Zeta: revenue 120, cost 50, (120 - 50) / 50 * 100 = 140; Acme: (115 - 80) / 80 * 100 = 43.75
        assertEquals(1, rows.size(), rows + " from " + sql);
        assertTrue(rows.get(0).contains("Zeta"), rows + " from " + sql);
        assertEquals(140.0, Double.parseDouble(rows.get(0).get(rows.get(0).size() - 1)), 1e-6, sql);
        String ratio = sql("What is the AOV for each brand?\n\nAOV = total revenue / number of orders");
        List<List<String>> perBrand = rows(ratio + " ORDER BY 1");
        assertEquals(List.of("Acme", "Zeta"), perBrand.stream().map(r -> r.get(0)).toList(), ratio);
        assertEquals(115.0 / 4, Double.parseDouble(perBrand.get(0).get(perBrand.get(0).size() - 1)), 1e-6, ratio);
    }

    @Test
    void aFormulaWhoseQuantitiesCannotBeToldApartIsNotComputed() {
        Generated generated = engine.generate(new GenerationRequest("What is the XR for each brand?\n\nXR = number of"
                + " orders shipped late / number of orders", "duckdb", "", SHOP, List.of(), 1000));
        generated.sql().ifPresent(sql -> assertFalse(sql.contains(" AS xr"), sql));
        assertTrue(Formula.parse("XR", "number of orders shipped late / number of orders").isPresent());
        assertFalse(Formula.parse("T", "total revenue").isPresent());
        assertFalse(Formula.parse("T", "(total revenue / ").isPresent());
    }

    @Test
    void sellingAndClosingReadAsTheSaleAndCloseOfColumnNames() throws SQLException {
        String sql = sql("What is the average selling price for each brand?");
        assertTrue(sql.contains("AVG(orders.sale_price)"), sql);
        assertEquals(2, rows(sql).size(), sql);
        assertEquals("close", Lexicon.stem("closing"));
    }

    @Test
    void ranksEveryEntityByTheMeasureNamedAfterByKeepingThoseWithoutRows() throws SQLException {
        String sql = sql("Return the customer name, number of orders, total revenue and CR for all customers\n\n"
                + "CR = customer rank by total revenue, with rank 1 being the highest");
        assertTrue(sql.contains("LEFT JOIN"), sql);
        assertTrue(sql.contains("RANK() OVER (ORDER BY COALESCE(SUM(orders.sale_price), 0) DESC)"), sql);
        List<List<String>> rows = rows(sql);
        // Anna 175 (3 orders), Luiz 45, Bob 15, Ava no order at all: ranked by revenue, not by the number of orders
        assertEquals(4, rows.size(), rows + " from " + sql);
        List<String> last = rows.stream().filter(r -> r.contains("Ava")).findFirst().orElseThrow();
        assertEquals(List.of("0", "0.00", "4"), last.subList(last.size() - 3, last.size()), sql);
        List<String> first = rows.stream().filter(r -> r.contains("Anna")).findFirst().orElseThrow();
        assertEquals("1", first.get(first.size() - 1), sql);
        // without "all", only customers with orders
        assertEquals(3, rows(sql("What is the total revenue of each customer?")).size());
    }

    @Test
    void totalSalesAmountSumsTheMoneyColumnRatherThanCountingSales() throws SQLException {
        SchemaSnapshot dealer = new SchemaSnapshot("dealer", Engine.DUCKDB, List.of(
                new TableInfo("sellers", "", -1, List.of(
                        new ColumnInfo("id", "INTEGER", "", true, List.of("1")),
                        new ColumnInfo("first_name", "VARCHAR", "", false, List.of("Kim")))),
                new TableInfo("sales", "", -1, List.of(
                        new ColumnInfo("id", "INTEGER", "", true, List.of("1")),
                        new ColumnInfo("seller_id", "INTEGER", "", false, List.of("1")),
                        new ColumnInfo("sale_price", "DECIMAL(10,2)", "", false, List.of("100.00"))))),
                List.of(), "fp-dealer");
        Generated total = engine.generate(new GenerationRequest("What is the total sales amount of each seller?",
                "duckdb", "", dealer, List.of(), 1000));
        assertTrue(total.sql().orElseThrow().contains("SUM(sales.sale_price)"), total.sql().get());
        Generated count = engine.generate(new GenerationRequest("What is the total sales count?",
                "duckdb", "", dealer, List.of(), 1000));
        assertTrue(count.sql().orElseThrow().contains("COUNT("), count.sql().get());
    }

    @Test
    void aReturnedIdFollowedByNameReturnsBoth() {
        SchemaSnapshot trades = new SchemaSnapshot("trades", Engine.DUCKDB, List.of(
                new TableInfo("client", "", -1, List.of(
                        new ColumnInfo("clientid", "VARCHAR", "", true, List.of()),
                        new ColumnInfo("clientname", "VARCHAR", "", false, List.of()),
                        new ColumnInfo("clientcity", "VARCHAR", "", false, List.of()))),
                new TableInfo("trade", "", -1, List.of(
                        new ColumnInfo("tradeid", "VARCHAR", "", true, List.of()),
                        new ColumnInfo("tradeclientid", "VARCHAR", "", false, List.of()),
                        new ColumnInfo("tradeamount", "NUMERIC", "", false, List.of())))),
                List.of(), "fp-trades");
        Generated generated = engine.generate(new GenerationRequest("Return the client who made the most trades."
                + " Return the id, name and number of trades.", "duckdb", "", trades, List.of(), 1000));
        String sql = generated.sql().orElseThrow(() -> new AssertionError(generated.reason()));
        assertTrue(sql.startsWith("SELECT client.clientid, client.clientname, COUNT("), sql);
        assertTrue(sql.endsWith("LIMIT 1"), sql);
    }

    @Test
    void guidanceSayingWhatNullMeansBecomesANullCheck() throws SQLException {
        String guidance = "\n\ncustomers.nickname is null for customers who gave no nickname.";
        String with = sql("How many customers gave a nickname?" + guidance);
        assertTrue(with.contains("customers.nickname IS NOT NULL"), with);
        assertEquals(List.of(List.of("2")), rows(with));
        String without = sql("Which customers gave no nickname?" + guidance);
        assertTrue(without.contains("customers.nickname IS NULL"), without);
        assertEquals(List.of("Bob", "Luiz"), rows(without).stream().map(r -> r.get(1)).sorted().toList(), without);
        // guidance about something the question does not say adds nothing
        assertFalse(sql("How many customers live in CA?" + guidance).contains("IS NULL"));
    }

    @Test
    void aThresholdOnAMeasureHoldsForTheGroupsListed() throws SQLException {
        String sql = sql("List the brands with a total revenue over 116.");
        assertTrue(sql.contains("HAVING SUM(orders.sale_price) > 116"), sql);
        // Acme 115, Zeta 120
        assertEquals(List.of(List.of("Zeta", "120.00")), rows(sql));
        String average = sql("Which customers have an average sale price above 40?");
        assertTrue(average.contains("HAVING AVG(orders.sale_price) > 40"), average);
        List<List<String>> rows = rows(average);
        assertEquals(1, rows.size(), average);
        assertTrue(rows.get(0).contains("Anna"), rows + " from " + average);
        // a threshold on a column of the rows listed stays a row condition
        String plain = sql("List the products with a unit cost over 15");
        assertFalse(plain.contains("HAVING"), plain);
        assertEquals(3, rows(plain).size(), plain);
    }

    @Test
    void theAverageNumberPerEntityIsTheMeanOfThePerEntityCounts() throws SQLException {
        String sql = sql("What is the average number of orders per customer?");
        // Anna 3, Luiz 2, Bob 1: 2 orders per ordering customer
        assertEquals(2.0, Double.parseDouble(rows(sql).get(0).get(0)), 1e-9, sql);
        assertEquals(1, rows(sql).size(), sql);
        String onAverage = sql("How many orders does each customer have on average?");
        assertEquals(2.0, Double.parseDouble(rows(onAverage).get(0).get(0)), 1e-9, onAverage);
        // per customer, not averaged
        assertEquals(3, rows(sql("How many orders does each customer have?")).size());
    }

    @Test
    void entitiesThatDoNotHaveAColumnsValueHaveNullThere() throws SQLException {
        String sql = sql("Which customers do not have a nickname?");
        assertTrue(sql.contains("customers.nickname IS NULL"), sql);
        assertEquals(List.of("Bob", "Luiz"), rows(sql).stream().map(r -> r.get(1)).sorted().toList(), sql);
        assertEquals(List.of(List.of("2")), rows(sql("How many customers are without a nickname?")));
        // a related table named after the negation is still an absence of rows
        String none = sql("Which customers have not made any orders?");
        assertTrue(none.contains("NOT EXISTS"), none);
        assertEquals(List.of("Ava"), rows(none).stream().map(r -> r.get(1)).toList(), none);
    }

    private static final SchemaSnapshot VENUES = new SchemaSnapshot("venues", Engine.DUCKDB, List.of(
            new TableInfo("venue", "", -1, List.of(
                    new ColumnInfo("id", "INTEGER", "", true, List.of()),
                    new ColumnInfo("name", "VARCHAR", "", false, List.of()),
                    new ColumnInfo("city_name", "VARCHAR", "", false, List.of()),
                    new ColumnInfo("rating", "REAL", "", false, List.of())))),
            List.of(), "fp-venues");

    private List<List<String>> venues(String question) throws SQLException {
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS venue AS SELECT * FROM (VALUES (1, 'Aki', 'Oslo', 4.8), (2, 'Bix', 'Oslo', 3.9),"
                    + " (3, 'Cru', 'Oslo', 2.5), (4, 'Dot', 'Rome', 4.6)) AS v(id, name, city_name, rating)");
        }
        Generated generated = engine.generate(new GenerationRequest(question, "duckdb", "", VENUES, List.of(), 1000));
        return rows(generated.sql().orElseThrow(() -> new AssertionError(question + ": " + generated.reason())));
    }

    @Test
    void comparisonsInRatioSidesConditionTheSideNotTheRows() throws SQLException {
        // 2 of 4 venues are rated above 4.5
        assertEquals(0.5, Double.parseDouble(last(venues("What is the ratio of venues with rating > 4.5 to the total"
                + " number of venues?").get(0))), 1e-9);
        assertEquals(2.0, Double.parseDouble(last(venues("What is the ratio of venues with a rating above 4 to venues"
                + " with a rating below 3?").get(0))), 1e-9);
        assertEquals(50.0, Double.parseDouble(last(venues("What percentage of venues have a rating above 4.5?").get(0))), 1e-9);
    }

    @Test
    void boundsAreNotSuperlativesAndTheWordAfterWhichIsTheSubject() throws SQLException {
        // "at least" bounds the rating; it does not ask for the least
        assertEquals(3, venues("List the venues with a rating of at least 2.6").size());
        assertEquals(3, venues("How many venues have a rating >= 2.6?").stream().mapToInt(r -> Integer.parseInt(r.get(0))).sum());
        List<List<String>> city = venues("Which city has the most venues?");
        assertEquals(1, city.size());
        assertEquals("Oslo", city.get(0).get(0));
        List<List<String>> best = venues("What is the highest rated venue?");
        assertEquals(1, best.size());
        assertTrue(best.get(0).contains("Aki"), best.toString());
    }

    private static String last(List<String> row) {
        return row.get(row.size() - 1);
    }

    @Test
    void anIntegerIsOrHasColumnIsAYesNoFlag() throws SQLException {
        SchemaSnapshot stalls = new SchemaSnapshot("stalls", Engine.DUCKDB, List.of(
                new TableInfo("stall", "", -1, List.of(
                        new ColumnInfo("id", "INTEGER", "", true, List.of()),
                        new ColumnInfo("name", "VARCHAR", "", false, List.of()),
                        new ColumnInfo("is_open", "INTEGER", "", false, List.of("0", "1")),
                        new ColumnInfo("rating", "REAL", "", false, List.of())))),
                List.of(), "fp-stalls");
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE stall AS SELECT * FROM (VALUES (1, 'Ume', 1, 4.0), (2, 'Ivy', 0, 3.0), (3, 'Oda', 1, 5.0))"
                    + " AS v(id, name, is_open, rating)");
        }
        Generated open = engine.generate(new GenerationRequest("What is the average rating of open stalls?", "duckdb", "",
                stalls, List.of(), 1000));
        String sql = open.sql().orElseThrow(() -> new AssertionError(open.reason()));
        assertTrue(sql.contains("stall.is_open = 1"), sql);
        assertEquals(4.5, Double.parseDouble(rows(sql).get(0).get(0)), 1e-9, sql);
        Generated closed = engine.generate(new GenerationRequest("How many stalls are not open?", "duckdb", "",
                stalls, List.of(), 1000));
        assertEquals(List.of(List.of("1")), rows(closed.sql().orElseThrow()), closed.sql().get());
        assertFalse(Planner.flag(new SchemaIndex(stalls).tables.get(0).column("rating").orElseThrow()));
    }

    @Test
    void aTimeUnitWhoseColumnIsInAnUnconnectedTableGroupsTheMeasuredDate() throws SQLException {
        SchemaSnapshot ledger = new SchemaSnapshot("ledger", Engine.DUCKDB, List.of(
                new TableInfo("budget", "", -1, List.of(
                        new ColumnInfo("budget_id", "INTEGER", "", true, List.of()),
                        new ColumnInfo("year", "INTEGER", "", false, List.of("2023")),
                        new ColumnInfo("planned", "DECIMAL(10,2)", "", false, List.of()))),
                new TableInfo("payment", "", -1, List.of(
                        new ColumnInfo("payment_id", "INTEGER", "", true, List.of()),
                        new ColumnInfo("paid_on", "DATE", "", false, List.of()),
                        new ColumnInfo("amount", "DECIMAL(10,2)", "", false, List.of())))),
                List.of(), "fp-ledger");
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE payment AS SELECT * FROM (VALUES (1, DATE '2022-05-01', 10.00), (2, DATE '2023-01-02', 5.00),"
                    + " (3, DATE '2023-07-08', 7.00)) AS v(payment_id, paid_on, amount)");
        }
        Generated generated = engine.generate(new GenerationRequest("What is the total amount of payments by year?",
                "duckdb", "", ledger, List.of(), 1000));
        String sql = generated.sql().orElseThrow(() -> new AssertionError(generated.reason()));
        assertTrue(sql.contains("DATE_TRUNC('year', payment.paid_on)"), sql);
        assertEquals(List.of("10.00", "12.00"), rows(sql).stream().map(OfflineCapabilitiesTest::last).toList(),
                "a time series comes in time order: " + sql);
    }

    @Test
    void priceAndTimeAdjectivesOrderByThePriceOrTheDateOfTheListedTable() throws SQLException {
        List<List<String>> dearest = rows(sql("What is the most expensive product?"));
        assertEquals(1, dearest.size());
        assertTrue(dearest.get(0).contains("Table"), dearest.toString());
        List<List<String>> cheapest = rows(sql("Which are the 2 cheapest products?"));
        assertEquals(List.of("Stool", "Desk Lamp"), cheapest.stream().map(r -> r.get(1)).toList());
        List<List<String>> recent = rows(sql("What was the date of the most recent order?"));
        assertEquals(1, recent.size());
        assertTrue(recent.get(0).contains("2023-04-02"), recent.toString());
        List<List<String>> earliest = rows(sql("What is the earliest order date?"));
        assertTrue(earliest.get(0).contains("2023-02-01"), earliest.toString());
    }

    @Test
    void calendarMonthsCurrentPeriodsAndDaysRelativeToToday() throws SQLException {
        assertEquals(List.of(List.of("2")), rows(sql("How many orders were placed in March 2023?")));
        SchemaSnapshot log = new SchemaSnapshot("log", Engine.DUCKDB, List.of(
                new TableInfo("stamps", "", -1, List.of(
                        new ColumnInfo("stamp_id", "INTEGER", "", true, List.of()),
                        new ColumnInfo("stamped_on", "DATE", "", false, List.of())))),
                List.of(), "fp-log");
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE stamps AS SELECT * FROM (VALUES (1, CURRENT_DATE), (2, CURRENT_DATE - 1),"
                    + " (3, CURRENT_DATE - 400)) AS v(stamp_id, stamped_on)");
        }
        for (String[] c : List.of(
                new String[] {"How many stamps were made today?", "stamped_on = CURRENT_DATE"},
                new String[] {"How many stamps were made yesterday?", "stamped_on = CURRENT_DATE - 1"},
                new String[] {"How many stamps were made this year?",
                        "DATE_TRUNC('year', stamped_on) = DATE_TRUNC('year', CURRENT_DATE)"},
                new String[] {"How many stamps were made this month?",
                        "DATE_TRUNC('month', stamped_on) = DATE_TRUNC('month', CURRENT_DATE)"})) {
            Generated generated = engine.generate(new GenerationRequest(c[0], "duckdb", "", log, List.of(), 1000));
            String sql = generated.sql().orElseThrow(() -> new AssertionError(c[0] + ": " + generated.reason()));
            assertEquals(rows("SELECT COUNT(*) FROM stamps WHERE " + c[1]), rows(sql), c[0] + " → " + sql);
        }
    }

    @Test
    void revenueIsASumOfMoneyEvenWithoutTotal() throws SQLException {
        List<List<String>> monthly = rows(sql("What is the monthly revenue in 2023?"));
        assertEquals(List.of("30.00", "105.00", "100.00"), monthly.stream().map(OfflineCapabilitiesTest::last).toList());
        List<List<String>> best = rows(sql("Which brand has the highest revenue?"));
        assertEquals(List.of(List.of("Zeta", "120.00")), best);
        assertEquals(List.of(List.of("45.00")), rows(sql("What is the total revenue between 2023-02-01 and 2023-03-01?")));
    }

    @Test
    void aValueSaidBeforeRateIsTheShareOfRowsHoldingItPerReturnedEntity() throws SQLException {
        SchemaSnapshot desk = new SchemaSnapshot("desk", Engine.DUCKDB, List.of(
                new TableInfo("agents", "", -1, List.of(
                        new ColumnInfo("agent_id", "INTEGER", "", true, List.of()),
                        new ColumnInfo("agent_name", "VARCHAR", "", false, List.of()))),
                new TableInfo("tickets", "", -1, List.of(
                        new ColumnInfo("ticket_id", "INTEGER", "", true, List.of()),
                        new ColumnInfo("agent_id", "INTEGER", "", false, List.of()),
                        new ColumnInfo("status", "VARCHAR", "", false, List.of("success", "failed"))))),
                List.of(), "fp-desk");
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE agents AS SELECT * FROM (VALUES (1, 'Rui'), (2, 'Sol'), (3, 'Tam')) AS v(agent_id, agent_name)");
            s.execute("CREATE TABLE tickets AS SELECT * FROM (VALUES (1, 1, 'success'), (2, 1, 'failed'), (3, 2, 'success'),"
                    + " (4, 2, 'success'), (5, 2, 'failed'), (6, 3, 'success')) AS v(ticket_id, agent_id, status)");
        }
        MatchedValue success = new MatchedValue("tickets", "status", "success", "success", 1.0);
        Generated generated = engine.generate(new GenerationRequest("For agents with at least 2 tickets, what is their"
                + " success rate? Return the agent name and success rate, ordered from lowest to highest success rate.",
                "duckdb", "", desk, List.of(success), 1000));
        String sql = generated.sql().orElseThrow(() -> new AssertionError(generated.reason()));
        List<List<String>> rows = rows(sql);
        // Tam has one ticket only; Rui 50%, Sol 66.7%
        assertEquals(List.of("Rui", "Sol"), rows.stream().map(r -> r.get(0)).toList(), sql);
        assertEquals(50.0, Double.parseDouble(rows.get(0).get(1)), 1e-9, sql);
        assertEquals(200.0 / 3, Double.parseDouble(rows.get(1).get(1)), 1e-4, sql);
    }

    @Test
    void bothOfTwoValuesMeansTheEntityHasEachAndAValueInsideALongerOneIsNotSaid() throws SQLException {
        MatchedValue acme = new MatchedValue("products", "brand", "Acme", "Acme", 1.0);
        MatchedValue zeta = new MatchedValue("products", "brand", "Zeta", "Zeta", 1.0);
        String sql = sql("Which customers have bought products of both Acme and Zeta?", acme, zeta);
        assertTrue(sql.contains("HAVING COUNT(DISTINCT products.brand) = 2"), sql);
        // Anna and Luiz bought both brands; Bob only Acme
        assertEquals(List.of("Anna", "Luiz"), rows(sql).stream().map(r -> r.get(1)).sorted().toList(), sql);
        MatchedValue floorLamp = new MatchedValue("products", "product_name", "Floor Lamp", "Floor Lamp", 1.0);
        MatchedValue lamp = new MatchedValue("customers", "nickname", "Lamp", "Lamp", 0.9);
        String one = sql("How many orders are for the Floor Lamp?", floorLamp, lamp);
        assertFalse(one.contains("nickname"), one);
        assertEquals(List.of(List.of("1")), rows(one));
    }

    @Test
    void aReturnedIdIsTheEntitysKeyEvenThoughItIsANumber() throws SQLException {
        SchemaSnapshot dealer = new SchemaSnapshot("dealer", Engine.DUCKDB, List.of(
                new TableInfo("sellers", "", -1, List.of(
                        new ColumnInfo("id", "INTEGER", "", true, List.of()),
                        new ColumnInfo("first_name", "VARCHAR", "", false, List.of()))),
                new TableInfo("deals", "", -1, List.of(
                        new ColumnInfo("id", "INTEGER", "", true, List.of()),
                        new ColumnInfo("seller_id", "INTEGER", "", false, List.of()),
                        new ColumnInfo("sale_price", "DECIMAL(10,2)", "", false, List.of())))),
                List.of(), "fp-dealer-ids");
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE sellers AS SELECT * FROM (VALUES (1, 'Kim'), (2, 'Kim'), (3, 'Lee')) AS v(id, first_name)");
            s.execute("CREATE TABLE deals AS SELECT * FROM (VALUES (1, 1, 10.00), (2, 2, 30.00), (3, 3, 20.00), (4, 1, 15.00))"
                    + " AS v(id, seller_id, sale_price)");
        }
        Generated generated = engine.generate(new GenerationRequest("Who are the top 2 sellers by total sale price?"
                + " Return their ID, first name and total sale price.", "duckdb", "", dealer, List.of(), 1000));
        String sql = generated.sql().orElseThrow(() -> new AssertionError(generated.reason()));
        // two sellers are called Kim: without the key their deals would be summed together (55)
        assertEquals(List.of(List.of("2", "Kim", "30.00"), List.of("1", "Kim", "25.00")), rows(sql), sql);
    }

    @Test
    void includingThoseWithoutRowsOrderWordsAndMoneySpent() throws SQLException {
        String all = sql("How many orders does each customer have, including customers with no orders?");
        assertTrue(all.contains("LEFT JOIN"), all);
        assertFalse(all.contains("NOT EXISTS"), all);
        List<String> ava = rows(all).stream().filter(r -> r.contains("Ava")).findFirst().orElseThrow();
        assertEquals("0", last(ava), all);
        // "in alphabetical order" names no orders table: every product, not only those ordered
        String alphabetical = sql("List all products in alphabetical order");
        assertEquals(5, rows(alphabetical).size(), alphabetical);
        List<List<String>> spender = rows(sql("What is the name of the customer who spent the most?"));
        assertEquals(1, spender.size());
        assertTrue(spender.get(0).contains("Anna"), spender.toString());
        assertEquals("175.00", last(spender.get(0)));
    }

    @Test
    void aNegatedVerbNamingARelatedTableIsAnAbsenceOfItsRows() throws SQLException {
        String sql = sql("Which products have never been ordered?");
        assertTrue(sql.contains("NOT EXISTS (SELECT 1 FROM orders"), sql);
        assertEquals(List.of("Stool"), rows(sql).stream().map(r -> r.get(1)).toList(), sql);
        assertEquals(List.of(List.of("1")), rows(sql("How many products have not been ordered?")));
    }
}
