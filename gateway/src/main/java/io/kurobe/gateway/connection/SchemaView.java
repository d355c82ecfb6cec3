package io.kurobe.gateway.connection;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.TableInfo;
import io.kurobe.data.mschema.MSchema;
import io.kurobe.snapshots.StoredSnapshot;

import java.time.Instant;
import java.util.List;

/**
 * GET /api/connections/{id}/schema: the snapshot the pipeline uses for the connection, its tables and columns, and
 * its M-Schema as the generators see it. {@code fromCache} is false when it was introspected for this request.
 */
public record SchemaView(String connectionId, String engine, String fingerprint, Instant takenAt, long tookMs,
                         boolean fromCache, List<Table> tables, List<ForeignKey> foreignKeys, String mschema) {

    public record Table(String name, String comment, long rowCount, List<Column> columns) {
    }

    public record Column(String name, String type, boolean primaryKey, String comment, List<String> examples) {
    }

    static SchemaView of(String connectionId, StoredSnapshot entry, boolean fromCache) {
        return new SchemaView(connectionId, entry.snapshot().engine().dialect(), entry.snapshot().fingerprint(),
                entry.takenAt(), entry.tookMs(), fromCache,
                entry.snapshot().tables().stream().map(SchemaView::table).toList(), entry.snapshot().foreignKeys(),
                MSchema.render(entry.snapshot()));
    }

    private static Table table(TableInfo t) {
        return new Table(t.name(), t.comment(), t.rowCount(), t.columns().stream().map(SchemaView::column).toList());
    }

    private static Column column(ColumnInfo c) {
        return new Column(c.name(), c.type(), c.primaryKey(), c.comment(), c.examples());
    }
}
