package io.kurobe.data.trino;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Engine;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Introspection of a real Trino coordinator: tpch tiny, and memory tables with comments made for the test. */
@ExtendWith(LocalTrino.class)
class TrinoIntrospectionIT {
    private static final String SCHEMA = "kurobe_shop_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void createShop() {
        LocalTrino.setUp("CREATE SCHEMA memory." + SCHEMA,
                "CREATE TABLE memory." + SCHEMA + ".customers (id bigint, name varchar, note varchar,"
                        + " payload varbinary) COMMENT 'people who buy'",
                "COMMENT ON COLUMN memory." + SCHEMA + ".customers.name IS 'full name'",
                "INSERT INTO memory." + SCHEMA + ".customers VALUES (1, 'Grace', '', X'00'), (2, 'Ada', NULL, NULL),"
                        + " (3, 'Alan', 'vip', NULL)");
    }

    @Test
    void readsTpchTinyWithStatisticsRowCountsAndSampledExamples() {
        try (TrinoConnector trino = new TrinoConnector("tiny", LocalTrino.baseUrl() + "/tpch/tiny", null, null)) {
            SchemaSnapshot snapshot = trino.introspect();
            assertEquals(Engine.TRINO, snapshot.engine());
            assertEquals("tiny", snapshot.dbId());
            assertEquals(List.of("customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"),
                    snapshot.tables().stream().map(TableInfo::name).toList());
            assertEquals(List.of(), snapshot.foreignKeys(), "Trino's metadata has no foreign keys");
            TableInfo nation = table(snapshot, "nation");
            assertEquals(25, nation.rowCount());
            assertEquals(List.of("nationkey bigint", "name varchar(25)", "regionkey bigint", "comment varchar(152)"),
                    nation.columns().stream().map(c -> c.name() + " " + c.type()).toList());
            assertTrue(nation.columns().stream().noneMatch(ColumnInfo::primaryKey));
            assertEquals(60_175, table(snapshot, "lineitem").rowCount());
            TableInfo region = table(snapshot, "region");
            assertEquals(List.of("AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"), column(region, "name").examples());
            assertEquals(List.of("0", "1", "2", "3", "4"), column(region, "regionkey").examples());
            assertEquals(List.of("1992-01-01", "1992-01-02", "1992-01-03", "1992-01-04", "1992-01-05"),
                    column(table(snapshot, "orders"), "orderdate").examples());
            assertEquals(snapshot.fingerprint(), trino.introspect().fingerprint());
            assertEquals(trino.structureHash(), trino.structureHash());
        }
    }

    @Test
    void readsCommentsAndSkipsEmptyAndBinaryExamples() {
        try (TrinoConnector trino = new TrinoConnector("shop", LocalTrino.baseUrl() + "/memory/" + SCHEMA, null, null)) {
            TableInfo customers = table(trino.introspect(), "customers");
            assertEquals("people who buy", customers.comment());
            assertEquals(3, customers.rowCount());
            assertEquals("full name", column(customers, "name").comment());
            assertEquals("", column(customers, "id").comment());
            assertEquals(List.of("Ada", "Alan", "Grace"), column(customers, "name").examples());
            assertEquals(List.of("vip"), column(customers, "note").examples());
            assertEquals(List.of(), column(customers, "payload").examples());
        }
    }

    @Test
    void aUrlWithoutASchemaNamesTablesWithTheirSchema() {
        try (TrinoConnector trino = new TrinoConnector("mem", LocalTrino.baseUrl() + "/memory", null, null)) {
            List<String> names = trino.introspect().tables().stream().map(TableInfo::name).toList();
            assertTrue(names.contains(SCHEMA + ".customers"), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.startsWith("information_schema.")), names.toString());
        }
    }

    @Test
    void theStructureHashAndFingerprintChangeWithTheTablesNotWithTheRows() {
        String schema = SCHEMA + "_hash";
        LocalTrino.setUp("CREATE SCHEMA memory." + schema, "CREATE TABLE memory." + schema + ".a (id bigint)");
        try (TrinoConnector trino = new TrinoConnector("h", LocalTrino.baseUrl() + "/memory/" + schema, null, null)) {
            String hash = trino.structureHash();
            String fingerprint = trino.introspect().fingerprint();
            LocalTrino.setUp("INSERT INTO memory." + schema + ".a VALUES (1), (2)");
            assertEquals(hash, trino.structureHash());
            assertEquals(fingerprint, trino.introspect().fingerprint());
            LocalTrino.setUp("CREATE TABLE memory." + schema + ".b (name varchar)");
            assertNotEquals(hash, trino.structureHash());
            assertNotEquals(fingerprint, trino.introspect().fingerprint());
        }
    }

    private static TableInfo table(SchemaSnapshot snapshot, String name) {
        return snapshot.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static ColumnInfo column(TableInfo table, String name) {
        return table.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
