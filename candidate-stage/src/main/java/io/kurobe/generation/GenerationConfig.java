package io.kurobe.generation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

@ConfigMapping(prefix = "kurobe.generation")
public interface GenerationConfig {
    /** The generators that run, by name, in priority order (a tied vote goes to the earlier one). */
    @WithDefault("simple")
    List<String> enabled();

    /** The longest one generator may take (model calls and refine rounds included); the question's deadline caps it. */
    @WithDefault("60s")
    Duration timeout();

    /** Prompt style of each model generator by name ({@code xiyan} or {@code xiyan-en}); unset means {@code xiyan}. */
    Map<String, String> styles();
}
