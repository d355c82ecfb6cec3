package io.kurobe.linking;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Engine;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.mschema.MSchema;
import io.kurobe.model.Envelope;
import io.kurobe.model.IntentClass;
import io.kurobe.model.IntentValidated;
import io.kurobe.model.LinkedTable;
import io.kurobe.model.MatchedValue;
import io.kurobe.model.SchemaLinked;
import io.kurobe.stage.Decision;
import io.kurobe.stage.testing.DemoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaLinkerTest {
    private static ConnectorPool pool;
    private static SchemaLinker linker;

    @BeforeAll
    static void open() {
        pool = new ConnectorPool(Map.of("demo", new ConnectionSpec("demo", Engine.DUCKDB, DemoDb.jdbcUrl(), null, null)));
        linker = new SchemaLinker(pool, Duration.ofMinutes(5), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void linksEveryTableAndColumnWithTheFullMSchema() {
        SchemaLinked linked = forward(intent("demo", "How many orders were placed in 2024?"));
        SchemaSnapshot snapshot = pool.connector("demo").introspect();

        assertEquals(MSchema.render(snapshot), linked.mschema());
        assertTrue(linked.mschema().startsWith("【DB_ID】 demo\n【Schema】\n"), linked.mschema());
        assertEquals(snapshot.fingerprint(), linked.schemaFingerprint());
        assertEquals("duckdb", linked.dialect());
        assertEquals(List.of("customers", "order_lines", "orders", "products", "regions"),
                linked.tables().stream().map(LinkedTable::name).sorted().toList());
        LinkedTable orders = linked.tables().stream().filter(t -> t.name().equals("orders")).findFirst().orElseThrow();
        assertEquals(List.of("order_id", "customer_id", "order_date", "status", "total_amount"), orders.columns());
        assertEquals("How many orders were placed in 2024?", linked.question());
        assertEquals(List.of(), linked.values());
    }

    @Test
    void passesOnTheQuestionsWordsThatAreValuesOfTheDatabase() {
        SchemaLinked linked = forward(intent("demo", "How many Shipped orders went to customers in Canada?"));
        assertTrue(linked.values().contains(new MatchedValue("orders", "status", "shipped", "Shipped", 1.0)), linked.values()::toString);
        assertTrue(linked.values().contains(new MatchedValue("regions", "country", "Canada", "Canada", 1.0)), linked.values()::toString);
        assertEquals(2, linked.values().size(), linked.values()::toString);
    }

    @Test
    void unknownConnectionFailsListingTheConfiguredOnes() {
        Decision<SchemaLinked> decision = linker.link(intent("sales-eu", "How many orders?"));
        Decision.Fail<?> fail = assertInstanceOf(Decision.Fail.class, decision);
        assertEquals("UNKNOWN_CONNECTION", fail.failure().code());
        assertEquals("Unknown connection 'sales-eu'; configured: demo.", fail.failure().message());
    }

    private static SchemaLinked forward(IntentValidated intent) {
        Decision<SchemaLinked> decision = linker.link(intent);
        assertInstanceOf(Decision.Forward.class, decision, decision::toString);
        return ((Decision.Forward<SchemaLinked>) decision).event();
    }

    private static IntentValidated intent(String connectionId, String question) {
        return new IntentValidated(new Envelope("q-1", "t", null, connectionId, null, null, null, 1), question,
                question, IntentClass.ANSWERABLE, List.of(), null, null, null);
    }
}
