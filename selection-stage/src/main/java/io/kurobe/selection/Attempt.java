package io.kurobe.selection;

import java.util.List;

/**
 * One candidate as selection sees it: who wrote it, its SQL, and either the error it raised (a guard
 * rejection included) or the columns and rows it returned.
 */
public record Attempt(String system, String sql, String error, List<String> columns, List<List<Object>> rows,
                      boolean ordered) {
    public static Attempt failed(String system, String sql, String error) {
        return new Attempt(system, sql, error, null, null, false);
    }

    public static Attempt returned(String system, String sql, List<String> columns, List<List<Object>> rows,
                                   boolean ordered) {
        return new Attempt(system, sql, null, List.copyOf(columns), rows, ordered);
    }

    public boolean ok() {
        return error == null;
    }
}
