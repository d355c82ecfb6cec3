package io.kurobe.data;

/** The database engines Kurobe connects to; the name is also the SQL dialect of the prompts. */
public enum Engine {
    DUCKDB, POSTGRES, TRINO, SQLITE;

    public String dialect() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
