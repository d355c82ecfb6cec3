package io.kurobe.linking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "kurobe.schema")
public interface SchemaConfig {
    /** How long an introspected schema is reused before the database is read again. */
    @WithDefault("5m")
    Duration cacheTtl();
}
