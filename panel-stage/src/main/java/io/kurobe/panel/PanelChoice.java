package io.kurobe.panel;

import io.kurobe.data.QueryResult;
import io.kurobe.data.ResultColumn;
import io.kurobe.model.Panel;
import io.kurobe.model.PanelColumn;
import io.kurobe.model.PanelKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses panels from a result's shape: one number is a KPI; anything else a table, followed by a
 * line chart when a date column has measures, or a bar chart when a category has measures.
 */
final class PanelChoice {
    /** More bars than this read as noise; the table still shows every row. */
    static final int MAX_BARS = 50;
    private static final Set<String> NUMERIC = Set.of("TINYINT", "SMALLINT", "INTEGER", "INT", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "DECIMAL", "NUMERIC", "REAL", "FLOAT", "DOUBLE",
            "INT2", "INT4", "INT8", "FLOAT4", "FLOAT8", "DOUBLE PRECISION");
    private static final Set<String> TEXT = Set.of("VARCHAR", "TEXT", "CHAR", "STRING", "BPCHAR", "CHARACTER VARYING",
            "CHARACTER", "ENUM");

    private PanelChoice() {
    }

    static List<Panel> panels(String question, String sql, QueryResult result) {
        List<PanelColumn> columns = result.columns().stream().map(c -> new PanelColumn(c.name(), c.type())).toList();
        List<List<Object>> rows = result.rows();
        if (rows.size() == 1 && columns.size() == 1 && isNumeric(result.columns().get(0))) {
            return List.of(new Panel(PanelKind.KPI, question, sql, columns, rows, result.truncated(), null,
                    List.of(columns.get(0).name())));
        }
        List<Panel> panels = new ArrayList<>();
        panels.add(new Panel(PanelKind.TABLE, question, sql, columns, rows, result.truncated(), null, List.of()));
        List<String> measures = result.columns().stream().filter(PanelChoice::isMeasure).map(ResultColumn::name).toList();
        if (rows.size() < 2 || measures.isEmpty()) {
            return panels;
        }
        Optional<ResultColumn> date = result.columns().stream().filter(PanelChoice::isDate).findFirst();
        Optional<ResultColumn> category = result.columns().stream().filter(PanelChoice::isText).findFirst();
        if (date.isPresent()) {
            panels.add(chart(PanelKind.LINE, date.get(), measures, sql, columns, rows, result.truncated()));
        } else if (category.isPresent() && rows.size() <= MAX_BARS) {
            panels.add(chart(PanelKind.BAR, category.get(), measures, sql, columns, rows, result.truncated()));
        }
        return panels;
    }

    private static Panel chart(PanelKind kind, ResultColumn x, List<String> y, String sql, List<PanelColumn> columns,
                               List<List<Object>> rows, boolean truncated) {
        return new Panel(kind, String.join(", ", y) + " by " + x.name(), sql, columns, rows, truncated, x.name(), y);
    }

    /** A number worth plotting: identifiers (id, *_id) are numbers but not measures. */
    private static boolean isMeasure(ResultColumn column) {
        String name = column.name().toLowerCase(Locale.ROOT);
        return isNumeric(column) && !name.equals("id") && !name.endsWith("_id");
    }

    private static boolean isNumeric(ResultColumn column) {
        return NUMERIC.contains(base(column.type()));
    }

    private static boolean isText(ResultColumn column) {
        return TEXT.contains(base(column.type()));
    }

    private static boolean isDate(ResultColumn column) {
        String type = base(column.type());
        return type.equals("DATE") || type.startsWith("TIMESTAMP") || type.equals("DATETIME");
    }

    private static String base(String type) {
        String upper = type == null ? "" : type.toUpperCase(Locale.ROOT).strip();
        int paren = upper.indexOf('(');
        return paren < 0 ? upper : upper.substring(0, paren).strip();
    }
}
