package io.kurobe.gateway.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Kurobe's topics are made when the gateway is the first to need them. */
@ConfigMapping(prefix = "kurobe.kafka")
public interface KafkaTopicsConfig {
    @WithDefault("6")
    int partitions();

    @WithDefault("1")
    short replicationFactor();
}
