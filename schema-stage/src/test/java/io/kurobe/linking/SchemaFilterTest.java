package io.kurobe.linking;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.Engine;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.mschema.MSchema;
import io.kurobe.llm.LlmMetrics;
import io.kurobe.llm.LlmSettings;
import io.kurobe.llm.ModelSettings;
import io.kurobe.llm.Provider;
import io.kurobe.llm.RetryPolicy;
import io.kurobe.llm.RoleModels;
import io.kurobe.llm.testing.FakeVendorServer;
import io.kurobe.model.Envelope;
import io.kurobe.model.IntentClass;
import io.kurobe.model.IntentValidated;
import io.kurobe.model.LinkedTable;
import io.kurobe.model.ModelUsage;
import io.kurobe.model.SchemaLinked;
import io.kurobe.stage.Decision;
import io.kurobe.stage.testing.DemoDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kurobe.llm.testing.FakeVendorServer.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema-filter role's model, served by a local fake of OpenAI's API, choosing columns of the demo schema. */
class SchemaFilterTest {
    private FakeVendorServer server;
    private ConnectorPool pool;
    private SchemaLinker linker;
    private final List<String> notes = new ArrayList<>();

    @BeforeEach
    void start() {
        server = FakeVendorServer.start(FakeVendorServer.Vendor.OPENAI);
        pool = new ConnectorPool(Map.of("demo", new ConnectionSpec("demo", Engine.DUCKDB, DemoDb.jdbcUrl(), null, null)));
        ModelSettings model = ModelSettings.of("fake-xiyan", Provider.OPENAI_COMPATIBLE, server.baseUrl(),
                "XiYanSQL-QwenCoder-7B-2504", null);
        LlmSettings settings = LlmSettings.of(Map.of("fake-xiyan", model), Map.of(SchemaFilter.ROLE, List.of("fake-xiyan")))
                .with(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)), 1000, Duration.ofSeconds(30),
                        Duration.ofMillis(100));
        RoleModels models = new RoleModels(settings, new LlmMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
        linker = new SchemaLinker(pool, Duration.ofMinutes(5), Clock.systemUTC(),
                new LinkingPolicy(LinkingPolicy.Limits.DEFAULTS, new ColumnRetriever()), models);
    }

    @AfterEach
    void stop() {
        server.close();
        pool.close();
    }

    @Test
    void theModelsColumnsAreKeptWithKeysAndJoinColumnsAndTheRestIsDropped() {
        server.always(answer("```json\n{\"tables\": {\"orders\": [\"status\", \"order_date\"],"
                + " \"Customers\": [\"SEGMENT\", \"loyalty_tier\"], \"invoices\": [\"total\"]}}\n```", 300, 40));

        Decision.Forward<SchemaLinked> forward = forward("How many cancelled orders did Corporate customers place in 2024?");
        SchemaLinked linked = forward.event();

        assertEquals(List.of("customers", "orders"), linked.tables().stream().map(LinkedTable::name).sorted().toList());
        LinkedTable orders = table(linked, "orders");
        assertEquals(List.of("order_id", "customer_id", "order_date", "status"), orders.columns());
        assertEquals(List.of("customer_id", "segment"), table(linked, "customers").columns());
        String mschema = linked.mschema();
        assertTrue(mschema.contains("(status:VARCHAR, completed, shipped, cancelled or returned, Examples: [cancelled"),
                "the matched value leads the examples: " + mschema);
        assertTrue(mschema.contains("orders.customer_id=customers.customer_id"), mschema);
        assertFalse(mschema.contains("total_amount"), mschema);
        assertFalse(mschema.contains("(email:"), mschema);
        assertFalse(mschema.contains("# Table: products"), mschema);
        assertFalse(mschema.contains("# Table: regions"), mschema);
        assertEquals(ModelUsage.call("schema-filter", 300, 40), forward.usage());
        assertTrue(forward.message().startsWith("2 of 5 tables linked ("), forward.message());
        assertTrue(forward.message().contains("chosen by schema-filter model fake-xiyan, 300 tokens in, 40 out"),
                forward.message());
        assertTrue(forward.message().contains("unknown names dropped: customers.loyalty_tier, invoices"), forward.message());

        String asked = FakeVendorServer.userText(server.requests().get(0));
        assertTrue(asked.contains("How many cancelled orders did Corporate customers place in 2024?"), asked);
        assertTrue(asked.contains("orders.status = cancelled"), asked);
        assertTrue(asked.contains(MSchema.render(snapshot())), "the candidate M-Schema, whole for a small schema");
        assertTrue(notes.isEmpty(), notes::toString);
    }

    @Test
    void tablesTheChosenOnesJoinThroughAreAddedWithTheirKeysOnly() {
        server.always(answer("{\"tables\": [{\"table\": \"orders\", \"columns\": [\"total_amount\"]},"
                + " {\"table\": \"regions\", \"columns\": [\"regions.country\"]}]}"));

        SchemaLinked linked = forward("What is the order total by country?").event();

        assertEquals(List.of("customers", "orders", "regions"), linked.tables().stream().map(LinkedTable::name).sorted().toList());
        assertEquals(List.of("customer_id", "region_id"), table(linked, "customers").columns(),
                "customers joins orders to regions: its key and its join columns, nothing more");
        assertTrue(linked.mschema().contains("customers.region_id=regions.region_id"), linked.mschema());
        assertTrue(linked.mschema().contains("orders.customer_id=customers.customer_id"), linked.mschema());
        assertEquals(List.of("region_id", "country"), table(linked, "regions").columns());
    }

    @Test
    void anAnswerThatIsNotTheJsonAskedForKeepsTheRetrievalsSchemaAndSaysWhy() {
        server.script(answer("You will need the orders table and probably the customers."),
                answer("{\"tables\": {\"invoices\": [\"total\"], \"payments\": []}}"));

        Decision.Forward<SchemaLinked> prose = forward("How many orders were placed in 2024?");
        assertEquals(MSchema.render(snapshot()), prose.event().mschema());
        assertEquals(5, prose.event().tables().size());
        assertEquals(List.of("schema-filter: model fake-xiyan answered outside the JSON asked for (no JSON object),"
                + " using the retrieval's tables"), notes);
        assertTrue(prose.message().contains("model fake-xiyan's answer was not used"), prose.message());
        assertEquals(1, prose.usage().calls(), "the model answered, so its tokens count");

        notes.clear();
        Decision.Forward<SchemaLinked> unknown = forward("How many invoices were paid?");
        assertEquals(MSchema.render(snapshot()), unknown.event().mschema());
        assertEquals(List.of("schema-filter: model fake-xiyan chose no table of the schema (named invoices, payments),"
                + " using the retrieval's tables"), notes);
    }

    @Test
    void whenTheModelCannotBeReachedTheRetrievalsSchemaStandsWithAFallbackMessage() {
        server.close();

        Decision.Forward<SchemaLinked> forward = forward("How many orders were placed in 2024?");

        assertEquals(MSchema.render(snapshot()), forward.event().mschema());
        assertEquals(List.of("schema-filter: model fake-xiyan could not be reached, using the retrieval's tables"), notes);
        assertNull(forward.usage(), "no model answered");
        assertTrue(forward.message().contains("schema-filter offline"), forward.message());
    }

    private Decision.Forward<SchemaLinked> forward(String question) {
        IntentValidated intent = new IntentValidated(new Envelope("q-1", "t", null, "demo", null, null, null, 1),
                question, question, IntentClass.ANSWERABLE, List.of(), null, null, null);
        Decision<SchemaLinked> decision = linker.link(intent, notes::add);
        return assertInstanceOf(Decision.Forward.class, decision, decision::toString);
    }

    private SchemaSnapshot snapshot() {
        return pool.connector("demo").introspect();
    }

    private static LinkedTable table(SchemaLinked linked, String name) {
        return linked.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
