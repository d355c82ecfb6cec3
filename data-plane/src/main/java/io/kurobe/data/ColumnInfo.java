package io.kurobe.data;

import java.util.List;

/** A column as introspected: type as the engine names it, comment, key flag, example values. */
public record ColumnInfo(String name, String type, String comment, boolean primaryKey, List<String> examples) {
}
