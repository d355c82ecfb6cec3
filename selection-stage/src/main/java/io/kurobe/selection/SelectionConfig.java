package io.kurobe.selection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "kurobe.selection")
public interface SelectionConfig {
    /**
     * Generators from most to least trusted, breaking ties between results that agree equally; unset, the
     * generators rank in the order their candidates arrive.
     */
    Optional<List<String>> prior();

    /** The most rows a candidate may return when it is executed to be compared; more counts as a failure. */
    @WithDefault("1000")
    int rowCap();

    /** The longest one candidate's execution may run. */
    @WithDefault("30s")
    Duration timeout();
}
