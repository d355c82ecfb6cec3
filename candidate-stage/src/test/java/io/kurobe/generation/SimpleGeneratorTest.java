package io.kurobe.generation;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.model.MatchedValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On a schema that is not the demo's, to show the generator works from whatever schema it is given. */
class SimpleGeneratorTest {
    private static final SchemaSnapshot HELPDESK = new SchemaSnapshot("helpdesk", null, List.of(
            new TableInfo("agents", "support agents", -1, List.of(
                    new ColumnInfo("agent_id", "INTEGER", "", true, List.of("1", "2")),
                    new ColumnInfo("full_name", "VARCHAR", "", false, List.of("Ann Lee")),
                    new ColumnInfo("team", "VARCHAR", "", false, List.of("Billing", "Hardware")))),
            new TableInfo("tickets", "one row per support ticket", -1, List.of(
                    new ColumnInfo("ticket_id", "BIGINT", "", true, List.of("1", "2", "3")),
                    new ColumnInfo("agent_id", "INTEGER", "", false, List.of("1", "2")),
                    new ColumnInfo("opened_at", "TIMESTAMP", "when the customer opened it", false, List.of("2023-01-02 10:00:00")),
                    new ColumnInfo("closed_on", "DATE", "day the ticket was closed", false, List.of("2023-01-03")),
                    new ColumnInfo("priority", "VARCHAR", "", false, List.of("high", "low", "urgent")),
                    new ColumnInfo("hours_spent", "DOUBLE", "", false, List.of("1.5", "3.0")),
                    new ColumnInfo("order", "INTEGER", "queue position", false, List.of("4"))))),
            List.of(), "fp");

    private final SimpleGenerator generator = new SimpleGenerator();

    @Test
    void countsRowsOfTheNamedTableWithValueAndYearFilters() {
        assertEquals("SELECT count(*) AS number_of_tickets FROM tickets WHERE opened_at >= DATE '2023-01-01'"
                        + " AND opened_at < DATE '2024-01-01' AND priority = 'high'",
                sql("How many High tickets were opened in 2023?"));
    }

    @Test
    void picksTheDateColumnTheQuestionDescribes() {
        assertEquals("SELECT count(*) AS number_of_tickets FROM tickets WHERE closed_on >= DATE '2022-01-01'"
                + " AND closed_on < DATE '2023-01-01'", sql("How many tickets were closed in 2022?"));
    }

    @Test
    void averagesTheNamedNumberPerGroup() {
        assertEquals("SELECT priority, avg(hours_spent) AS avg_hours_spent FROM tickets GROUP BY 1 ORDER BY 1",
                sql("What is the average hours spent per priority?"));
    }

    @Test
    void groupsByATimeUnitOfTheDateColumn() {
        assertEquals("SELECT date_trunc('month', opened_at) AS month, count(*) AS number_of_tickets FROM tickets"
                + " WHERE opened_at >= DATE '2023-01-01' AND opened_at < DATE '2024-01-01' GROUP BY 1 ORDER BY 1",
                sql("Number of tickets by month in 2023"));
        assertEquals("SELECT CAST(date_trunc('year', closed_on) AS DATE) AS year, count(*) AS number_of_tickets"
                + " FROM tickets GROUP BY 1 ORDER BY 1", sql("How many tickets were closed per year?"));
    }

    @Test
    void highestIsTheMaximumOfTheNamedNumber() {
        assertEquals("SELECT max(hours_spent) AS max_hours_spent FROM tickets", sql("Which ticket took the highest hours?"));
    }

    @Test
    void listsTheTableOrderedByItsKeyWithinTheRowLimit() {
        assertEquals("SELECT agent_id, full_name, team FROM agents ORDER BY agent_id LIMIT 50", sql("List the agents"));
        assertEquals("SELECT agent_id, full_name, team FROM agents WHERE team = 'Billing' ORDER BY agent_id LIMIT 5",
                sql("Show the first 5 agents in billing"));
    }

    @Test
    void severalValuesOfOneColumnBecomeIn() {
        assertTrue(sql("How many urgent or high tickets?").endsWith("WHERE priority IN ('high', 'urgent')"),
                sql("How many urgent or high tickets?"));
    }

    @Test
    void quotesReservedAndOddIdentifiers() {
        assertEquals("SELECT sum(\"order\") AS sum_order FROM tickets", sql("What is the total order of tickets?"));
        assertEquals("\"Sales 2024\".\"order\"", SimpleGenerator.identifier("Sales 2024.order"));
        assertEquals("'O''Brien'", SimpleGenerator.literal("O'Brien"));
    }

    @Test
    void declinesWhenNoTableMatches() {
        assertTrue(reason("Why is the sky blue?").startsWith("no table of the schema matches"), reason("Why is the sky blue?"));
    }

    @Test
    void declinesAnAggregateWithoutANamedNumber() {
        assertTrue(reason("What is the average of agents?").contains("names none of the numbers"),
                reason("What is the average of agents?"));
    }

    @Test
    void declinesAYearFilterOnATableWithoutDates() {
        assertTrue(reason("How many agents joined in 2021?").contains("has no date column"), reason("How many agents joined in 2021?"));
    }

    @Test
    void declinesAValueThatLivesInAnotherTable() {
        GenerationRequest request = new GenerationRequest("How many tickets did the Billing team get?", "duckdb", "",
                HELPDESK, List.of(new MatchedValue("agents", "team", "Billing", "Billing", 1.0)), 50);
        String reason = generator.generate(request).reason();
        assertTrue(reason.contains("agents.team") && reason.contains("join"), reason);
    }

    @Test
    void declinesAQuestionThatNeitherCountsAggregatesNorLists() {
        assertTrue(reason("Are priorities fair?").contains("neither"), reason("Are priorities fair?"));
    }

    private String sql(String question) {
        Generated generated = generator.generate(new GenerationRequest(question, "duckdb", "", HELPDESK, List.of(), 50));
        return generated.sql().orElseThrow(() -> new AssertionError(question + ": " + generated.reason()));
    }

    private String reason(String question) {
        Generated generated = generator.generate(new GenerationRequest(question, "duckdb", "", HELPDESK, List.of(), 50));
        assertTrue(generated.sql().isEmpty(), () -> question + " gave " + generated.sql().get());
        return generated.reason();
    }
}
