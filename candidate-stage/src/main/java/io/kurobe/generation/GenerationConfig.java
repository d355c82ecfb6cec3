package io.kurobe.generation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

@ConfigMapping(prefix = "kurobe.generation")
public interface GenerationConfig {
    /** The generators that run, by name, in priority order (a tied vote goes to the earlier one). */
    @WithDefault("simple")
    List<String> enabled();
}
