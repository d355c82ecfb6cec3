package io.kurobe.linking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "kurobe.schema")
public interface SchemaConfig {
    /**
     * How long a connection's schema and value index are reused in memory before the snapshot cache
     * ({@code kurobe.schema.cache.*}) is asked again.
     */
    @WithDefault("1m")
    Duration cacheTtl();
}
