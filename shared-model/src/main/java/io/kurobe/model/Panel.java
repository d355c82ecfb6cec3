package io.kurobe.model;

import java.util.List;

/** One way to show an answer, with its data and the SQL that refreshes it. */
public record Panel(
        PanelKind kind,
        String title,
        String sql,
        List<PanelColumn> columns,
        List<List<Object>> rows,
        boolean truncated,
        String x,
        List<String> y) {

    public Panel {
        Require.present(kind, "panels.kind");
        Require.text(sql, "panels.sql");
        columns = Require.list(columns);
        rows = Require.list(rows);
        y = Require.list(y);
    }
}
