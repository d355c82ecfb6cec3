package io.kurobe.panel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "kurobe.panel")
public interface PanelConfig {
    /** The most rows a panel carries, whatever row limit the asker wants. */
    @WithDefault("1000")
    int maxRows();

    /** The longest the chosen SQL may run. */
    @WithDefault("30s")
    Duration timeout();
}
