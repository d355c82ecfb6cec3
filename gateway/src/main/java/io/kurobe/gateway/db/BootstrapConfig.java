package io.kurobe.gateway.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** An API key to make sure of at start (KUROBE_BOOTSTRAP_API_KEY), and the tenant it belongs to. */
@ConfigMapping(prefix = "kurobe.bootstrap")
public interface BootstrapConfig {
    Optional<String> apiKey();

    @WithDefault("demo")
    String tenant();
}
