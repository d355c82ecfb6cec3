package io.kurobe.generation.refine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kurobe.refiner")
public interface RefinerConfig {
    /** How many times a model generator's candidate that failed, was refused or came back empty is sent back to it. */
    @WithDefault("2")
    int maxRounds();
}
