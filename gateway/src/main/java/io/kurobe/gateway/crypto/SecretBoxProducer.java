package io.kurobe.gateway.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Map;

/** The one {@link SecretBox} of the gateway: configured keys, or else the local key file. */
@ApplicationScoped
public class SecretBoxProducer {
    private static final Logger LOG = Logger.getLogger(SecretBoxProducer.class);

    @Produces
    @ApplicationScoped
    SecretBox secretBox(CryptoConfig config) {
        return build(config);
    }

    static SecretBox build(CryptoConfig config) {
        Map<String, String> keys = config.keys();
        if (keys.isEmpty()) {
            Path file = Path.of(config.keyFile());
            LocalKeyFile.Loaded loaded = LocalKeyFile.loadOrCreate(file);
            if (loaded.generated()) {
                LOG.infof("no kurobe.crypto.keys configured: generated a local key '%s' in %s (mode 600); "
                        + "configure kurobe.crypto.keys for anything but a local start", LocalKeyFile.KEY_ID, file);
            } else {
                LOG.infof("no kurobe.crypto.keys configured: using the local key '%s' from %s", LocalKeyFile.KEY_ID, file);
            }
            return new SecretBox(Map.of(LocalKeyFile.KEY_ID, loaded.key()), LocalKeyFile.KEY_ID);
        }
        String active = config.activeKey().orElseGet(() -> {
            if (keys.size() != 1) {
                throw new IllegalStateException("kurobe.crypto.active-key must name one of the configured keys "
                        + new java.util.TreeSet<>(keys.keySet()));
            }
            return keys.keySet().iterator().next();
        });
        SecretBox box = SecretBox.fromBase64(keys, active);
        LOG.infof("stored secrets are sealed with key '%s' (%d key(s) configured)", active, keys.size());
        return box;
    }
}
