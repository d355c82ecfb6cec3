package io.kurobe.data.stored;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretBoxTest {
    private static final byte[] KEY_A = key(1);
    private static final byte[] KEY_B = key(7);

    @Test
    void sealsUnderTheActiveKeyAndOpensWithTheStoredKeyId() {
        SecretBox box = new SecretBox(Map.of("a", KEY_A), "a");
        SecretBox.Sealed sealed = box.seal("s3cret-pässword", "connection:1");
        assertEquals("a", sealed.keyId());
        assertEquals(SecretBox.NONCE_BYTES + "s3cret-pässword".getBytes(StandardCharsets.UTF_8).length + 16,
                sealed.bytes().length);
        assertFalse(new String(sealed.bytes(), StandardCharsets.ISO_8859_1).contains("s3cret"));
        assertEquals("s3cret-pässword", box.open(sealed, "connection:1"));
    }

    @Test
    void everySealingUsesAFreshNonce() {
        SecretBox box = new SecretBox(Map.of("a", KEY_A), "a");
        SecretBox.Sealed first = box.seal("same", "ctx");
        SecretBox.Sealed second = box.seal("same", "ctx");
        assertFalse(Arrays.equals(Arrays.copyOf(first.bytes(), SecretBox.NONCE_BYTES),
                Arrays.copyOf(second.bytes(), SecretBox.NONCE_BYTES)));
        assertNotEquals(first, second);
    }

    @Test
    void oldRowsStillOpenAfterTheActiveKeyRotatesAndNewOnesUseTheNewKey() {
        SecretBox.Sealed underA = new SecretBox(Map.of("a", KEY_A), "a").seal("old password", "connection:9");
        SecretBox rotated = new SecretBox(Map.of("a", KEY_A, "b", KEY_B), "b");
        assertEquals("old password", rotated.open(underA, "connection:9"));
        SecretBox.Sealed resealed = rotated.seal(rotated.open(underA, "connection:9"), "connection:9");
        assertEquals("b", resealed.keyId());
        assertEquals("old password", rotated.open(resealed, "connection:9"));
        SecretBox onlyB = new SecretBox(Map.of("b", KEY_B), "b");
        assertEquals("old password", onlyB.open(resealed, "connection:9"));
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> onlyB.open(underA, "connection:9"));
        assertTrue(gone.getMessage().contains("'a'"), gone.getMessage());
    }

    @Test
    void refusesAnAlteredValueAnotherContextAndTheWrongKeyBytes() {
        SecretBox box = new SecretBox(Map.of("a", KEY_A), "a");
        SecretBox.Sealed sealed = box.seal("password", "connection:1");
        byte[] altered = sealed.bytes().clone();
        altered[altered.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> box.open(new SecretBox.Sealed("a", altered), "connection:1"));
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "connection:2"));
        SecretBox sameIdOtherKey = new SecretBox(Map.of("a", KEY_B), "a");
        assertThrows(IllegalStateException.class, () -> sameIdOtherKey.open(sealed, "connection:1"));
    }

    @Test
    void neitherKeysNorSealedBytesShowInToString() {
        SecretBox box = SecretBox.fromBase64(Map.of("a", java.util.Base64.getEncoder().encodeToString(KEY_A)), "a");
        SecretBox.Sealed sealed = box.seal("password", "ctx");
        assertFalse(box.toString().contains(java.util.Base64.getEncoder().encodeToString(KEY_A)));
        assertEquals("Sealed[keyId=a, " + sealed.bytes().length + " bytes]", sealed.toString());
    }

    @Test
    void refusesKeysOfTheWrongSizeAndAnActiveKeyThatIsNotConfigured() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(Map.of("a", new byte[16]), "a"));
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(Map.of("a", KEY_A), "b"));
        assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64(Map.of("a", "not base64!"), "a"));
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[SecretBox.KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }
}
