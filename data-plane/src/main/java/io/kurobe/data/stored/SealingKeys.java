package io.kurobe.data.stored;

import org.eclipse.microprofile.config.Config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The keys that seal stored connection passwords, shared by the gateway (which seals) and the stages (which
 * open): {@code kurobe.crypto.keys."<key-id>"=<base64 of 32 bytes>} with {@code kurobe.crypto.active-key}, or,
 * without configured keys, the local key in {@code kurobe.crypto.key-file}.
 */
public final class SealingKeys {
    static final String KEYS = "kurobe.crypto.keys.";
    static final String ACTIVE_KEY = "kurobe.crypto.active-key";
    static final String KEY_FILE = "kurobe.crypto.key-file";

    private SealingKeys() {
    }

    /**
     * The box for these keys. Without keys the local key file is used; only the side that seals
     * ({@code createKeyFile}) may generate it, a reader fails when it is missing.
     */
    public static SecretBox box(Map<String, String> keys, Optional<String> activeKey, Path keyFile,
                                boolean createKeyFile, Consumer<String> log) {
        if (keys.isEmpty()) {
            LocalKeyFile.Loaded loaded = createKeyFile ? LocalKeyFile.loadOrCreate(keyFile) : LocalKeyFile.read(keyFile);
            log.accept(loaded.generated()
                    ? "no kurobe.crypto.keys configured: generated a local key '" + LocalKeyFile.KEY_ID + "' in "
                    + keyFile + " (mode 600); configure kurobe.crypto.keys for anything but a local start"
                    : "no kurobe.crypto.keys configured: using the local key '" + LocalKeyFile.KEY_ID + "' from " + keyFile);
            return new SecretBox(Map.of(LocalKeyFile.KEY_ID, loaded.key()), LocalKeyFile.KEY_ID);
        }
        String active = activeKey.orElseGet(() -> {
            if (keys.size() != 1) {
                throw new IllegalStateException("kurobe.crypto.active-key must name one of the configured keys "
                        + new TreeSet<>(keys.keySet()));
            }
            return keys.keySet().iterator().next();
        });
        SecretBox box = SecretBox.fromBase64(keys, active);
        log.accept("stored secrets are sealed with key '" + active + "' (" + keys.size() + " key(s) configured)");
        return box;
    }

    /** The box a stage opens stored passwords with, from MicroProfile Config; never generates a key. */
    public static SecretBox fromConfig(Config config, Consumer<String> log) {
        Map<String, String> keys = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(KEYS)) {
                config.getOptionalValue(name, String.class).ifPresent(value -> keys.put(unquoted(name), value));
            }
        }
        Path keyFile = Path.of(config.getOptionalValue(KEY_FILE, String.class).orElse(".kurobe/secret.key"));
        return box(keys, config.getOptionalValue(ACTIVE_KEY, String.class), keyFile, false, log);
    }

    private static String unquoted(String propertyName) {
        String id = propertyName.substring(KEYS.length());
        return id.length() > 2 && id.startsWith("\"") && id.endsWith("\"") ? id.substring(1, id.length() - 1) : id;
    }
}
