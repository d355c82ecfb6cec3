package io.kurobe.generation.offline;

import io.kurobe.data.SchemaSnapshot;
import io.kurobe.generation.Generated;
import io.kurobe.generation.GenerationRequest;
import io.kurobe.model.MatchedValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the offline engine's tests share: asking the engine on a hand-made schema, and reading its SQL's rows. */
final class OfflineFixture {
    private OfflineFixture() {
    }

    /** The engine's SQL for the question on the schema; a declined question fails the test with its reason. */
    static String sql(OfflineEngine engine, SchemaSnapshot schema, String question, MatchedValue... values) {
        Generated generated = engine.generate(new GenerationRequest(question, "duckdb", "", schema, List.of(values), 1000));
        assertTrue(generated.sql().isPresent(), () -> question + " was declined: " + generated.reason());
        return generated.sql().get();
    }

    /** Every row of the SQL's result on the connection, each value as text. */
    static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
