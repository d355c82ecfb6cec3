package io.kurobe.generation.icl;

import io.kurobe.model.EventJson;
import io.kurobe.model.InvalidEventException;
import io.kurobe.model.QueryExample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ranking the examples of one connection, with the real all-MiniLM-L6-v2 embeddings. */
@Tag("embeddings")
class ExampleStoreTest {
    private static final MiniLm EMBEDDINGS = new MiniLm();

    private ExampleStore store;

    @BeforeEach
    void store() {
        store = new ExampleStore(EMBEDDINGS);
    }

    @Test
    void theQuestionNearestInMeaningComesFirst() {
        put("a", "t1", "c1", "How many orders were placed in 2023?", "SELECT COUNT(*) FROM orders WHERE year = 2023");
        put("b", "t1", "c1", "List the names of the customers", "SELECT name FROM customers ORDER BY name");
        put("c", "t1", "c1", "What is the average price of the products?", "SELECT AVG(price) FROM products");

        List<ExampleStore.Ranked> nearest = store.nearest("t1", "c1", "What is the number of orders in 2021?", List.of(),
                null, 3, 0.5);

        assertEquals(List.of("a"), ids(nearest).subList(0, 1));
        assertEquals(3, nearest.size());
        assertTrue(Double.isNaN(nearest.get(0).skeleton()), "no draft, no skeleton similarity");
        assertEquals("c", ids(store.nearest("t1", "c1", "Mean product price?", List.of(), null, 1, 0.5)).get(0));
    }

    @Test
    void theDraftsSkeletonDecidesBetweenEquallyCloseQuestions() {
        put("grouped", "t1", "c1", "Count the orders by status",
                "SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY status");
        put("filtered", "t1", "c1", "Count the orders from Berlin",
                "SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.city = 'Berlin'");
        String question = "Count the orders";

        String grouped = "SELECT channel, COUNT(*) FROM orders GROUP BY channel ORDER BY channel";
        String filtered = "SELECT COUNT(*) FROM orders o JOIN stores s ON s.id = o.store_id WHERE s.country = 'FR'";

        assertEquals("grouped", ids(store.nearest("t1", "c1", question, List.of(), grouped, 1, 0.5)).get(0));
        assertEquals("filtered", ids(store.nearest("t1", "c1", question, List.of(), filtered, 1, 0.5)).get(0));
        ExampleStore.Ranked top = store.nearest("t1", "c1", question, List.of(), grouped, 1, 0.5).get(0);
        assertEquals(1.0, top.skeleton());
        assertEquals(0.5 * top.question() + 0.5 * top.skeleton(), top.score(), 1e-9);
    }

    @Test
    void examplesOfAnotherConnectionOrTenantAreNeverChosen() {
        put("mine", "t1", "c1", "List the names of the customers", "SELECT name FROM customers");
        put("other-connection", "t1", "c2", "How many orders were placed in 2024?", "SELECT COUNT(*) FROM orders");
        put("other-tenant", "t2", "c1", "How many orders were placed in 2024?", "SELECT COUNT(*) FROM orders");

        List<ExampleStore.Ranked> nearest = store.nearest("t1", "c1", "How many orders were placed in 2024?", List.of(),
                "SELECT COUNT(*) FROM orders", 10, 0.5);

        assertEquals(List.of("mine"), ids(nearest));
        assertEquals(List.of(), store.nearest("t3", "c1", "How many orders?", List.of(), null, 10, 0.5));
        assertEquals(1, store.count("t1", "c1"));
        assertEquals(3, store.size());
        assertEquals(3, store.connections());
    }

    @Test
    void aTombstoneRemovesTheExampleAndARecordReplacesTheOneOfItsKey() {
        QueryExample first = example("x", "t1", "c1", "How many orders were placed in 2024?", "SELECT 1");
        QueryExample other = example("y", "t1", "c1", "List the names of the customers", "SELECT name FROM customers");
        assertTrue(store.apply(first.key(), EventJson.write(first)));
        assertTrue(store.apply(other.key(), EventJson.write(other)));
        QueryExample edited = example("x", "t1", "c1", "How many orders were placed in 2024?", "SELECT COUNT(*) FROM orders");
        store.apply(edited.key(), EventJson.write(edited));

        List<ExampleStore.Ranked> before = store.nearest("t1", "c1", "Orders in 2024?", List.of(), null, 5, 0.5);
        assertEquals("SELECT COUNT(*) FROM orders", before.get(0).example().sql());
        assertEquals(2, store.count("t1", "c1"));

        assertTrue(store.apply(first.key(), null));
        assertEquals(List.of("y"), ids(store.nearest("t1", "c1", "Orders in 2024?", List.of(), null, 5, 0.5)));
        assertFalse(store.has(first.key()));
        assertFalse(store.apply(first.key(), null), "a repeated tombstone changes nothing");
        assertTrue(store.apply(other.key(), null));
        assertEquals(0, store.count("t1", "c1"));
        assertEquals(0, store.connections());
    }

    @Test
    void aMalformedRecordIsRefusedWithoutQuotingIt() {
        InvalidEventException notJson = assertThrows(InvalidEventException.class,
                () -> store.apply("t1/c1/x", "{\"question\": \"secret-token-123"));
        assertFalse(notJson.getMessage().contains("secret-token-123"), notJson.getMessage());

        QueryExample example = example("x", "t1", "c1", "How many orders?", "SELECT COUNT(*) FROM orders");
        InvalidEventException wrongKey = assertThrows(InvalidEventException.class,
                () -> store.apply("t1/c2/x", EventJson.write(example)));
        assertTrue(wrongKey.getMessage().contains("record key"), wrongKey.getMessage());

        InvalidEventException missing = assertThrows(InvalidEventException.class,
                () -> store.apply("t1/c1/x", "{\"exampleId\":\"x\",\"tenantId\":\"t1\",\"connectionId\":\"c1\"}"));
        assertTrue(missing.getMessage().contains("question"), missing.getMessage());
        assertEquals(0, store.size());
    }

    private void put(String id, String tenant, String connection, String question, String sql) {
        store.put(example(id, tenant, connection, question, sql));
    }

    private static QueryExample example(String id, String tenant, String connection, String question, String sql) {
        return new QueryExample(id, tenant, connection, question, sql, QueryExample.BULK, null,
                Instant.parse("2026-11-25T12:00:00Z"));
    }

    private static List<String> ids(List<ExampleStore.Ranked> ranked) {
        return ranked.stream().map(r -> r.example().exampleId()).toList();
    }
}
