package io.kurobe.snapshots;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Engine;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.model.EventJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SnapshotKeyTest {
    @Test
    void aStoredConnectionsIdIsCanonicalHoweverItIsSpelled() {
        String id = "0B4C5E3A-6F1D-4E8B-9C2A-1D3E5F7A9B0C";
        assertEquals(SnapshotKey.of("t1", id.toLowerCase()).snapshot(), SnapshotKey.of("t1", " " + id + " ").snapshot());
        assertEquals("kurobe:schema:2:t1:0b4c5e3a-6f1d-4e8b-9c2a-1d3e5f7a9b0c", SnapshotKey.of("t1", id).snapshot());
    }

    @Test
    void noTwoTenantConnectionPairsShareAKey() {
        assertNotEquals(SnapshotKey.of("a:b", "c").snapshot(), SnapshotKey.of("a", "b:c").snapshot());
        assertNotEquals(SnapshotKey.of("t", "demo").snapshot(), SnapshotKey.of("t", "demo").checked());
    }

    @Test
    void anEntryReadsBackAsWritten() {
        SchemaSnapshot snapshot = new SchemaSnapshot("shop", Engine.DUCKDB,
                List.of(new TableInfo("orders", "one row per order", 42, List.of(
                        new ColumnInfo("order_id", "INTEGER", "", true, List.of("1", "2")),
                        new ColumnInfo("status", "VARCHAR", "cancelled or shipped", false, List.of("cancelled"))))),
                List.of(new ForeignKey("orders", "customer_id", "customers", "customer_id")), "f00d");
        StoredSnapshot entry = new StoredSnapshot(snapshot, "beef", Instant.parse("2026-11-26T01:02:03.456Z"), 87);
        assertEquals(entry, EventJson.mapper().convertValue(EventJson.mapper().valueToTree(entry), StoredSnapshot.class));
        assertEquals(entry, EventJson.read(EventJson.write(entry), StoredSnapshot.class));
    }
}
