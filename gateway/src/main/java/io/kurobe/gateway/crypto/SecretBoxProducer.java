package io.kurobe.gateway.crypto;

import io.kurobe.data.stored.SealingKeys;
import io.kurobe.data.stored.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.nio.file.Path;

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
        return SealingKeys.box(config.keys(), config.activeKey(), Path.of(config.keyFile()), true, LOG::info);
    }
}
