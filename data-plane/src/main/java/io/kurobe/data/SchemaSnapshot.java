package io.kurobe.data;

import java.util.List;

/** Everything introspection learned of one database, with a fingerprint that changes when it does. */
public record SchemaSnapshot(String dbId, Engine engine, List<TableInfo> tables, List<ForeignKey> foreignKeys,
                             String fingerprint) {
}
