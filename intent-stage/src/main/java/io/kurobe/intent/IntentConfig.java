package io.kurobe.intent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kurobe.intent")
public interface IntentConfig {
    /** The longest question accepted, in characters. */
    @WithDefault("2000")
    int maxLength();
}
