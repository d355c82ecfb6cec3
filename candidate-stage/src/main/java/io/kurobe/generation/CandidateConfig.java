package io.kurobe.generation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "kurobe.candidate")
public interface CandidateConfig {
    /** The longest a candidate's trial execution may run. */
    @WithDefault("30s")
    Duration timeout();
}
