package io.kurobe.snapshots;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The Redis layer of introspected schemas, shared by the gateway and the schema stage. */
@ConfigMapping(prefix = "kurobe.schema.cache")
public interface SnapshotCacheConfig {
    /** Whether snapshots are kept in Redis; off, every cache miss of a service introspects. */
    @WithDefault("true")
    boolean enabled();

    /** How often at most a cached snapshot's structure is checked against the database's catalog. */
    @WithDefault("1m")
    Duration checkInterval();

    /** How long a snapshot lives in Redis at most, so row counts and example values are renewed. */
    @WithDefault("24h")
    Duration ttl();
}
