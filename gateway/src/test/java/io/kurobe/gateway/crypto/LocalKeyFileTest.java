package io.kurobe.gateway.crypto;

import io.kurobe.data.stored.LocalKeyFile;
import io.kurobe.data.stored.SecretBox;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalKeyFileTest {

    @Test
    void generatesTheKeyOnceWithMode600AndReadsItBackLater(@TempDir Path home) throws Exception {
        Path file = home.resolve("nested").resolve("secret.key");
        LocalKeyFile.Loaded first = LocalKeyFile.loadOrCreate(file);
        assertTrue(first.generated());
        assertEquals(SecretBox.KEY_BYTES, first.key().length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        LocalKeyFile.Loaded second = LocalKeyFile.loadOrCreate(file);
        assertFalse(second.generated());
        assertArrayEquals(first.key(), second.key());
        assertFalse(first.toString().contains(java.util.Base64.getEncoder().encodeToString(first.key())));
    }

    @Test
    void withoutConfiguredKeysTheBoxUsesTheLocalKeyFile(@TempDir Path home) {
        Path file = home.resolve("secret.key");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(CryptoConfig.class)
                .withSources(new PropertiesConfigSource(Map.of("kurobe.crypto.key-file", file.toString()), "test", 100))
                .build();
        SecretBox box = SecretBoxProducer.build(config.getConfigMapping(CryptoConfig.class));
        assertEquals(LocalKeyFile.KEY_ID, box.activeKeyId());
        SecretBox.Sealed sealed = box.seal("pw", "ctx");
        SecretBox again = SecretBoxProducer.build(config.getConfigMapping(CryptoConfig.class));
        assertEquals("pw", again.open(sealed, "ctx"));
    }

    @Test
    void configuredKeysWinAndTheActiveOneSeals(@TempDir Path home) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(CryptoConfig.class)
                .withSources(new PropertiesConfigSource(Map.of(
                        "kurobe.crypto.key-file", home.resolve("secret.key").toString(),
                        "kurobe.crypto.keys.\"2026-01\"", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                        "kurobe.crypto.keys.\"2026-06\"", "HxwdHhscGRoXGBUWExQREg8QDQ4LDAkKBwgFBgMEAQI=",
                        "kurobe.crypto.active-key", "2026-06"), "test", 100))
                .build();
        SecretBox box = SecretBoxProducer.build(config.getConfigMapping(CryptoConfig.class));
        assertEquals("2026-06", box.seal("pw", "ctx").keyId());
        assertFalse(Files.exists(home.resolve("secret.key")));
    }
}
