package io.kurobe.data;

import java.util.List;

public record TableInfo(String name, String comment, long rowCount, List<ColumnInfo> columns) {
}
