package io.kurobe.data.stored;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * AES-256-GCM under named keys: seals with the active key, opens with whichever key a sealed value names, so
 * keys can rotate while old rows stay readable. Each value gets a fresh 12-byte random nonce, stored in front of
 * the ciphertext and its 128-bit tag; the context (for example the row's id) is bound as associated data, so a
 * sealed value copied onto another row does not open there.
 */
public final class SecretBox {
    public static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    /** A sealed value: the id of the key that sealed it and nonce + ciphertext + tag. */
    public record Sealed(String keyId, byte[] bytes) {
        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + ", " + bytes.length + " bytes]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Sealed && keyId.equals(((Sealed) other).keyId)
                    && Arrays.equals(bytes, ((Sealed) other).bytes);
        }

        @Override
        public int hashCode() {
            return 31 * keyId.hashCode() + Arrays.hashCode(bytes);
        }
    }

    public SecretBox(Map<String, byte[]> keys, String activeKeyId) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key '" + activeKeyId + "' is not among the configured keys "
                    + new TreeMap<>(keys).keySet());
        }
        Map<String, SecretKeySpec> specs = new TreeMap<>();
        keys.forEach((id, key) -> {
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("key '" + id + "' has " + key.length + " bytes; AES-256 needs "
                        + KEY_BYTES);
            }
            specs.put(id, new SecretKeySpec(key, "AES"));
        });
        this.keys = Map.copyOf(specs);
        this.activeKeyId = activeKeyId;
    }

    /** Keys given as base64 text, as configuration holds them. */
    public static SecretBox fromBase64(Map<String, String> keys, String activeKeyId) {
        Map<String, byte[]> decoded = new TreeMap<>();
        keys.forEach((id, text) -> {
            try {
                decoded.put(id, Base64.getDecoder().decode(text.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key '" + id + "' is not base64", e);
            }
        });
        return new SecretBox(decoded, activeKeyId);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Sealed seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return new Sealed(activeKeyId, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The plaintext; fails when the key is not configured or the value was altered or belongs to another context. */
    public String open(Sealed sealed, String context) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("a secret was sealed with key '" + sealed.keyId()
                    + "', which is not configured (kurobe.crypto.keys.\"" + sealed.keyId() + "\")");
        }
        byte[] bytes = sealed.bytes();
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("a secret sealed with key '" + sealed.keyId() + "' is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("a secret sealed with key '" + sealed.keyId()
                    + "' does not open: it was altered, or the key's value changed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[keys=" + keys.keySet() + ", active=" + activeKeyId + "]";
    }
}
