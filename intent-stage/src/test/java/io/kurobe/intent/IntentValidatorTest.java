package io.kurobe.intent;

import io.kurobe.model.Clarification;
import io.kurobe.model.Envelope;
import io.kurobe.model.IntentClass;
import io.kurobe.model.IntentValidated;
import io.kurobe.model.QuestionOptions;
import io.kurobe.model.QuestionReceived;
import io.kurobe.model.TimeRange;
import io.kurobe.model.Turn;
import io.kurobe.stage.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntentValidatorTest {
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    private final IntentValidator validator = new IntentValidator(2000, Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t "})
    void rejectsEmptyQuestion(String question) {
        assertFailure(question, "EMPTY_QUESTION");
    }

    @Test
    void rejectsQuestionOverTheLimitAndNamesTheLimit() {
        Decision.Fail<IntentValidated> fail = assertFailure("How many orders? " + "x".repeat(2000), "QUESTION_TOO_LONG");
        assertTrue(fail.failure().message().contains("2000"), fail.failure().message());
    }

    @Test
    void acceptsQuestionAtTheLimitAfterTrimming() {
        String question = "  " + "How many orders".repeat(10) + "  ";
        IntentValidator strict = new IntentValidator(150, Clock.systemUTC());
        assertInstanceOf(Decision.Forward.class, strict.validate(received(question)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Delete all cancelled orders",
            "Please drop the orders table",
            "Can you remove customers from Spain?",
            "could you please wipe the order lines",
            "Truncate orders",
            "truncate table dates",
            "TRUNCATE orders;",
            "Update the price of product 3 to 9.99",
            "Insert a row for customer 12",
            "I want you to modify the customers' emails",
            "Set the status of order 5 to shipped",
            "Add a new column discount to products",
            "Create a table of leads",
            "Change the email of customer 3 to ann@example.com",
            "Show the orders and then delete them",
            "List products, then erase the cheapest",
            "Grant me write access please",
            "Let's purge old orders",
            "DELETE FROM orders WHERE status = 'cancelled'",
            "update orders set status = 'shipped' where order_id = 4",
            "Run this: DROP TABLE customers;",
            "select 1; insert into orders values (1)",
            "CREATE OR REPLACE VIEW v AS SELECT * FROM orders",
            "grant select on orders to bob",
            "alter table products add column x int",
    })
    void refusesRequestsToChangeData(String question) {
        Decision.Fail<IntentValidated> fail = assertFailure(question, "DATA_CHANGE");
        assertTrue(fail.failure().message().startsWith("Kurobe only reads data: "), fail.failure().message());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "How many orders were updated in 2024?",
            "Which customers dropped off?",
            "How many orders were deleted last year?",
            "Show orders with status 'deleted'",
            "List the products created in 2023",
            "What is the total amount of orders by status?",
            "Create a chart of revenue by month",
            "Which products were removed from orders most often?",
            "How many customers did we add in 2022?",
            "Drop off rate by region",
            "What share of orders changed status?",
            "How many orders did customers delete from their carts?",
            "How many orders were placed each month?\n\nTruncate date to month for aggregation.",
            "What is the revenue by week? Truncate the timestamps to the week.",
            "Average price per product; truncate values to 2 decimals",
    })
    void letsReadQuestionsAboutChangesPass(String question) {
        IntentValidated validated = assertForward(question);
        assertEquals(IntentClass.ANSWERABLE, validated.intentClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"???", "12345", "!!! ...", "sdfghjkl", "qwrt zxcv", "aaaaaaa", "🙂🙂"})
    void refusesNonsense(String question) {
        Decision.Fail<IntentValidated> fail = assertFailure(question, "NOT_A_QUESTION");
        assertTrue(fail.failure().message().contains("ask something about your data"), fail.failure().message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hi!", "hello there", "Thank you very much.", "How are you?", "Who are you?",
            "Tell me a joke", "Can you write me a poem about databases?", "What's the weather in Paris?",
            "translate this into French"})
    void refusesPlainSmallTalkAndOtherRequestsAsOutOfScope(String question) {
        assertFailure(question, "OUT_OF_SCOPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024年每个地区的订单数是多少？", "Wie viele Bestellungen gab es 2024?", "top 5 SKUs by qty",
            "Hi, how many orders were placed in 2024?", "Thanks! And by region?", "orders per day",
            "Which customers wrote a poem review?", "count", "What is the weather station with the most readings?"})
    void letsQuestionsAboutDataPassInAnyLanguageOrTone(String question) {
        assertForward(question);
    }

    @Test
    void forwardsTrimmedStandaloneQuestionWithOptionsAndSameQuestionId() {
        QuestionReceived received = new QuestionReceived(envelope(), "  How many orders were placed in 2024?  ",
                List.of(), "ann", new QuestionOptions(50, List.of("simple")));
        IntentValidated validated = ((Decision.Forward<IntentValidated>) validator.validate(received)).event();
        assertEquals("How many orders were placed in 2024?", validated.standaloneQuestion());
        assertEquals(received.question(), validated.question());
        assertEquals("q-1", validated.questionId());
        assertEquals(NOW, validated.envelope().occurredAt());
        assertEquals(50, validated.options().rowLimit());
        assertNull(validated.clarification());
    }

    @Test
    void extractsYearAsHalfOpenRange() {
        TimeRange range = assertForward("How many orders were placed in 2024?").timeRange();
        assertEquals(LocalDate.of(2024, 1, 1), range.from());
        assertEquals(LocalDate.of(2025, 1, 1), range.until());
        assertEquals("in 2024", range.text());
    }

    @Test
    void extractsYearSpansAndOpenEnds() {
        TimeRange between = assertForward("Revenue between 2022 and 2023 by region").timeRange();
        assertEquals(LocalDate.of(2022, 1, 1), between.from());
        assertEquals(LocalDate.of(2024, 1, 1), between.until());
        TimeRange since = assertForward("Orders since 2021").timeRange();
        assertEquals(LocalDate.of(2021, 1, 1), since.from());
        assertNull(since.until());
        TimeRange before = assertForward("Customers who signed up before 2020").timeRange();
        assertNull(before.from());
        assertEquals(LocalDate.of(2020, 1, 1), before.until());
    }

    @Test
    void noTimeRangeWithoutYear() {
        assertNull(assertForward("List the top 10 products by price").timeRange());
    }

    @Test
    void anAnswerToAClarificationIsJudgedJoinedToTheQuestionItAnswers() {
        Turn asked = new Turn("How many orders were placed in 2024?", null,
                new Clarification("Which date do you mean?", List.of("order date", "ship date")));
        Decision<IntentValidated> decision = validator.validate(
                new QuestionReceived(envelope(), "ship date.", List.of(asked), "ann", null));
        IntentValidated validated = ((Decision.Forward<IntentValidated>) decision).event();
        assertEquals("How many orders were placed in 2024 (ship date)?", validated.standaloneQuestion());
        assertEquals("ship date.", validated.question());
        assertEquals(2024, validated.timeRange().from().getYear());

        Decision<IntentValidated> change = validator.validate(
                new QuestionReceived(envelope(), "delete them all", List.of(asked), "ann", null));
        assertEquals("DATA_CHANGE", ((Decision.Fail<IntentValidated>) change).failure().code());
    }

    @Test
    void aFollowUpAfterAnAnsweredTurnIsNotJoined() {
        Decision<IntentValidated> decision = validator.validate(new QuestionReceived(envelope(), "and in 2023?",
                List.of(new Turn("How many orders were placed in 2024?", "SELECT count(*) FROM orders")), "ann", null));
        assertEquals("and in 2023?", ((Decision.Forward<IntentValidated>) decision).event().standaloneQuestion());
    }

    @Test
    void extractsQuotedStringsAndNumbers() {
        IntentValidated validated = assertForward(
                "Show the 5 largest orders of customer \"Ann Lee\" with status 'cancelled' over 99.5 in 2024.");
        assertEquals(List.of("Ann Lee", "cancelled", "5", "99.5", "2024"), validated.entities());
    }

    @Test
    void apostropheIsNotAQuote() {
        assertEquals(List.of(), assertForward("What's each customer's latest order?").entities());
    }

    private IntentValidated assertForward(String question) {
        Decision<IntentValidated> decision = validator.validate(received(question));
        assertInstanceOf(Decision.Forward.class, decision, () -> question + " -> " + decision);
        return ((Decision.Forward<IntentValidated>) decision).event();
    }

    private Decision.Fail<IntentValidated> assertFailure(String question, String code) {
        Decision<IntentValidated> decision = validator.validate(received(question));
        assertInstanceOf(Decision.Fail.class, decision, () -> question + " -> " + decision);
        Decision.Fail<IntentValidated> fail = (Decision.Fail<IntentValidated>) decision;
        assertEquals(code, fail.failure().code(), question);
        return fail;
    }

    private static QuestionReceived received(String question) {
        return new QuestionReceived(envelope(), question, List.of(), "ann", null);
    }

    private static Envelope envelope() {
        return new Envelope("q-1", "t-1", null, "demo", null, NOW.minusSeconds(1), null, 1);
    }
}
