package io.kurobe.panel;

import io.kurobe.data.QueryResult;
import io.kurobe.data.ResultColumn;
import io.kurobe.model.Panel;
import io.kurobe.model.PanelKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PanelChoiceTest {
    private static final String SQL = "SELECT 1";

    @Test
    void oneNumberIsAKpi() {
        List<Panel> panels = choose(List.of(col("number_of_orders", "BIGINT")), List.of(List.of(4211L)), false);
        assertEquals(1, panels.size());
        Panel kpi = panels.get(0);
        assertEquals(PanelKind.KPI, kpi.kind());
        assertEquals(List.of(List.of(4211L)), kpi.rows());
        assertEquals(List.of("number_of_orders"), kpi.y());
        assertEquals("How many?", kpi.title());
        assertEquals(SQL, kpi.sql());
    }

    @Test
    void oneTextValueIsATable() {
        List<Panel> panels = choose(List.of(col("status", "VARCHAR")), List.of(List.of("completed")), false);
        assertEquals(List.of(PanelKind.TABLE), kinds(panels));
    }

    @Test
    void categoryWithMeasureIsATableThenABar() {
        List<Panel> panels = choose(List.of(col("status", "VARCHAR"), col("sum_total_amount", "DECIMAL(38,2)")),
                List.of(List.of("cancelled", new BigDecimal("10.50")), List.of("completed", new BigDecimal("99.00"))), false);
        assertEquals(List.of(PanelKind.TABLE, PanelKind.BAR), kinds(panels));
        Panel bar = panels.get(1);
        assertEquals("status", bar.x());
        assertEquals(List.of("sum_total_amount"), bar.y());
        assertEquals(2, bar.rows().size());
    }

    @Test
    void dateWithMeasureIsATableThenALine() {
        List<Panel> panels = choose(List.of(col("month", "DATE"), col("number_of_orders", "BIGINT")),
                List.of(List.of("2024-01-01", 300L), List.of("2024-02-01", 280L)), false);
        assertEquals(List.of(PanelKind.TABLE, PanelKind.LINE), kinds(panels));
        assertEquals("month", panels.get(1).x());
    }

    @Test
    void identifiersAreNotMeasures() {
        List<Panel> panels = choose(List.of(col("product_id", "INTEGER"), col("name", "VARCHAR")),
                List.of(List.of(1, "Mouse"), List.of(2, "Keyboard")), false);
        assertEquals(List.of(PanelKind.TABLE), kinds(panels));
        assertNull(panels.get(0).x());
    }

    @Test
    void manyCategoriesGetNoBar() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i <= PanelChoice.MAX_BARS; i++) {
            rows.add(List.of("p" + i, i));
        }
        assertEquals(List.of(PanelKind.TABLE), kinds(choose(List.of(col("name", "VARCHAR"), col("price", "INTEGER")), rows, false)));
    }

    @Test
    void truncationIsCarried() {
        List<Panel> panels = choose(List.of(col("name", "VARCHAR")), List.of(List.of("a"), List.of("b")), true);
        assertTrue(panels.get(0).truncated());
    }

    private static List<Panel> choose(List<ResultColumn> columns, List<List<Object>> rows, boolean truncated) {
        return PanelChoice.panels("How many?", SQL, new QueryResult(columns, rows, truncated, "fp", 1));
    }

    private static ResultColumn col(String name, String type) {
        return new ResultColumn(name, type);
    }

    private static List<PanelKind> kinds(List<Panel> panels) {
        return panels.stream().map(Panel::kind).toList();
    }
}
