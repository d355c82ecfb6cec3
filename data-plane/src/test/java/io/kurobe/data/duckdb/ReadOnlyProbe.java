package io.kurobe.data.duckdb;

import io.kurobe.data.ExecutionLimits;

/** Run in a child JVM: opens the file read-only, counts orders and prints the count. */
public final class ReadOnlyProbe {
    private ReadOnlyProbe() {
    }

    public static void main(String[] args) {
        try (DuckDbConnector connector = new DuckDbConnector("probe", "jdbc:duckdb:" + args[0])) {
            System.out.println(connector.execute("SELECT count(*) FROM orders", ExecutionLimits.DEFAULT).rows().get(0).get(0));
        }
    }
}
