package io.kurobe.model;

import java.util.List;

/** A table kept by schema linking, with the columns kept of it. */
public record LinkedTable(String name, List<String> columns, double score) {
    public LinkedTable {
        Require.text(name, "tables.name");
        columns = Require.list(columns);
    }
}
