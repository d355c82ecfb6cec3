package io.kurobe.generation.icl;

import io.kurobe.data.SchemaSnapshot;
import io.kurobe.generation.GenerationRequest;
import io.kurobe.generation.llm.FewShot;
import io.kurobe.model.QueryExample;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("embeddings")
class IclExamplesTest {
    private final ExampleStore store = new ExampleStore(new MiniLm());

    @Test
    void aConnectionWithoutExamplesIsDeclinedWithWhatToDo() {
        store.put(new QueryExample("e1", "t1", "other", "How many orders?", "SELECT COUNT(*) FROM orders",
                QueryExample.FEEDBACK, "q-1", Instant.now()));
        FewShot shots = new IclExamples(store, 4, 0.5).choose(request("t1", "demo"));

        assertTrue(shots.shots().isEmpty());
        assertTrue(shots.declined().startsWith("no examples for connection demo yet"), shots.declined());
        assertTrue(shots.declined().endsWith("confirm answers or load examples"), shots.declined());
    }

    @Test
    void examplesOfTheSameShapeAreShownOnceWithinTheConfiguredCount() {
        for (int i = 0; i < 3; i++) {
            store.put(new QueryExample("e" + i, "t1", "demo", "How many orders in 202" + i + "?",
                    "SELECT COUNT(*) FROM orders WHERE y = 202" + i, QueryExample.BULK, null, Instant.now()));
        }
        store.put(new QueryExample("names", "t1", "demo", "List the names of the customers",
                "SELECT name FROM customers ORDER BY name", QueryExample.BULK, null, Instant.now()));
        FewShot shots = new IclExamples(store, 2, 0.5).choose(request("t1", "demo"));

        assertNull(shots.declined());
        assertEquals(2, shots.shots().size());
        assertTrue(shots.shots().get(0).question().startsWith("How many orders in 202"), shots.toString());
        assertEquals("List the names of the customers", shots.shots().get(1).question());
    }

    @Test
    void aRequestWithoutConnectionIsDeclined() {
        FewShot shots = new IclExamples(store, 4, 0.5).choose(new GenerationRequest("How many orders?", "duckdb", "",
                null, List.of(), 10));

        assertTrue(shots.declined().contains("names no connection"), shots.declined());
    }

    private static GenerationRequest request(String tenant, String connection) {
        return new GenerationRequest("How many orders in 2024?", "duckdb", "", (SchemaSnapshot) null, List.of(), 10,
                tenant, connection);
    }
}
