package io.kurobe.data;

import java.util.List;

/**
 * Typed columns and rows of one execution. The fingerprint is the same for equal results,
 * ignoring row order unless the query orders.
 */
public record QueryResult(List<ResultColumn> columns, List<List<Object>> rows, boolean truncated,
                          String fingerprint, long elapsedMs) {
}
