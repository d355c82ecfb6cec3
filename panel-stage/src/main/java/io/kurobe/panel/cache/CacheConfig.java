package io.kurobe.panel.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "kurobe.cache")
public interface CacheConfig {
    /** Whether the panel stage answers repeated queries from Redis. */
    @WithDefault("true")
    boolean enabled();

    /** How long a result stays answerable from the cache. */
    @WithDefault("10m")
    Duration ttl();
}
