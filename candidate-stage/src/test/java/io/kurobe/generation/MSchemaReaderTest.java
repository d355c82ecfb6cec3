package io.kurobe.generation;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.Engine;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.data.duckdb.DuckDbConnector;
import io.kurobe.data.mschema.MSchema;
import io.kurobe.stage.testing.DemoDb;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MSchemaReaderTest {
    @Test
    void readsBackWhatTheRendererWrote() {
        SchemaSnapshot introspected;
        try (DuckDbConnector connector = new DuckDbConnector("demo", DemoDb.jdbcUrl())) {
            introspected = connector.introspect();
        }
        SchemaSnapshot read = MSchemaReader.read(MSchema.render(introspected), Engine.DUCKDB, introspected.fingerprint());

        assertEquals("demo", read.dbId());
        assertEquals(introspected.foreignKeys(), read.foreignKeys());
        assertEquals(introspected.tables().stream().map(TableInfo::name).toList(),
                read.tables().stream().map(TableInfo::name).toList());
        for (int t = 0; t < introspected.tables().size(); t++) {
            TableInfo expected = introspected.tables().get(t);
            TableInfo actual = read.tables().get(t);
            assertEquals(expected.comment(), actual.comment());
            assertEquals(expected.columns().stream().map(ColumnInfo::name).toList(),
                    actual.columns().stream().map(ColumnInfo::name).toList());
            for (int c = 0; c < expected.columns().size(); c++) {
                ColumnInfo e = expected.columns().get(c);
                ColumnInfo a = actual.columns().get(c);
                assertEquals(e.comment(), a.comment(), e.name());
                assertEquals(e.primaryKey(), a.primaryKey(), e.name());
                assertEquals(e.type().replaceAll("\\(.*", ""), a.type(), e.name());
            }
        }
    }

    @Test
    void readsCommentsWithCommasKeysAndExamples() {
        ColumnInfo column = MSchemaReader.column(
                "(line_no:INTEGER, position of the line on its order, from 1, Primary Key, Examples: [1, 2, 3]),");
        assertEquals(new ColumnInfo("line_no", "INTEGER", "position of the line on its order, from 1", true,
                List.of("1", "2", "3")), column);
        assertEquals(new ColumnInfo("email", "VARCHAR", "", false, List.of()), MSchemaReader.column("(email:VARCHAR)"));
        assertEquals(new ColumnInfo("id", "INTEGER", "", true, List.of()), MSchemaReader.column("(id:INTEGER, Primary Key)"));
    }

    @Test
    void readsForeignKeys() {
        SchemaSnapshot read = MSchemaReader.read("""
                【DB_ID】 x
                【Schema】
                # Table: a
                [
                (id:INTEGER, Primary Key)
                ]
                【Foreign keys】
                a.b_id=b.id""", Engine.DUCKDB, "fp");
        assertEquals(List.of(new ForeignKey("a", "b_id", "b", "id")), read.foreignKeys());
    }
}
