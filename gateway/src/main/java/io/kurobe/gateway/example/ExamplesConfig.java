package io.kurobe.gateway.example;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on teaching Kurobe: how much one load may carry, and how much a list shows. */
@ConfigMapping(prefix = "kurobe.examples")
public interface ExamplesConfig {
    /** The largest file of examples one POST /api/connections/{id}/examples takes, in bytes. */
    @WithDefault("4194304")
    int maxBodyBytes();

    /** The most examples one load takes. */
    @WithDefault("5000")
    int maxLines();

    /** The most examples GET /api/connections/{id}/examples lists. */
    @WithDefault("500")
    int listLimit();

    /** The longest comment feedback may carry, in characters. */
    @WithDefault("2000")
    int maxCommentLength();
}
