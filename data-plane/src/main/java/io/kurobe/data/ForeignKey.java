package io.kurobe.data;

public record ForeignKey(String table, String column, String referencedTable, String referencedColumn) {
}
