package io.kurobe.linking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How much of a schema linking keeps ({@code kurobe.linking.*}). */
@ConfigMapping(prefix = "kurobe.linking")
public interface LinkingConfig {
    /** A schema with at most this many tables (and {@link #fullSchemaMaxColumns()} columns) is linked whole. */
    @WithDefault("40")
    int fullSchemaMaxTables();

    /** A schema with at most this many columns (and {@link #fullSchemaMaxTables()} tables) is linked whole. */
    @WithDefault("600")
    int fullSchemaMaxColumns();

    /** In a larger schema, the tables kept by score, before join paths add the tables that connect them. */
    @WithDefault("8")
    int maxTables();

    /** A kept table with more columns keeps this many by score, plus its keys and the columns values matched. */
    @WithDefault("12")
    int maxColumnsPerTable();

    /** The longest foreign-key path, in joins, that linking follows to connect two kept tables. */
    @WithDefault("3")
    int maxJoinHops();

    /**
     * How long a large schema's embeddings are kept in Redis, so restarts and other replicas read them instead of
     * embedding the schema again; 0 keeps them in memory only.
     */
    @WithDefault("7d")
    Duration embeddingsTtl();
}
