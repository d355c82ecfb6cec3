package io.kurobe.gateway.crypto;

import io.smallrye.config.ConfigMapping;

import java.util.Map;
import java.util.Optional;

/**
 * The keys that seal stored secrets: {@code kurobe.crypto.keys."<key-id>"=<base64 of 32 bytes>} and
 * {@code kurobe.crypto.active-key=<key-id>}. Without keys, a local key is generated once into
 * {@code key-file}.
 */
@ConfigMapping(prefix = "kurobe.crypto")
public interface CryptoConfig {
    Map<String, String> keys();

    /** The key new secrets are sealed with; required when more than one key is configured. */
    Optional<String> activeKey();

    /** Where the generated local key lives when no key is configured (mode 600). */
    String keyFile();
}
