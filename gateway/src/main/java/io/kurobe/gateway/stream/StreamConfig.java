package io.kurobe.gateway.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the WebSocket stream waits for stragglers and how long a replica remembers live events. */
@ConfigMapping(prefix = "kurobe.stream")
public interface StreamConfig {
    /**
     * progress and panels.ready are separate topics, so the answer may overtake the last progress
     * event: it is held back until that event came, or this long.
     */
    @WithDefault("2s")
    Duration answerGrace();

    /** How long a socket stays open for the answer after its question asked back; then it closes. */
    @WithDefault("10m")
    Duration clarificationWait();

    /** How long live events stay here for a subscriber whose history read missed them. */
    @WithDefault("60s")
    Duration retention();
}
