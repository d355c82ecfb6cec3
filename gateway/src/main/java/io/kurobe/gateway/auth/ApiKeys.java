package io.kurobe.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Kurobe API keys: {@code kb_} and random text, stored only as their SHA-256 (enough for
 * high-entropy random keys, and a lookup by equality). Where a caller may put a key: the
 * Authorization header, or for a browser's socket the {@code bearer.<key>} subprotocol.
 */
public final class ApiKeys {
    public static final String PREFIX = "kb_";
    /** The subprotocol a browser offers beside {@code bearer.<key>}; the server answers with it. */
    public static final String SUBPROTOCOL = "kurobe.v1";
    static final String BEARER_SUBPROTOCOL = "bearer.";
    static final int MIN_LENGTH = 16;
    static final int MAX_LENGTH = 200;

    private ApiKeys() {
    }

    public static boolean wellFormed(String key) {
        if (key == null || !key.startsWith(PREFIX) || key.length() < MIN_LENGTH || key.length() > MAX_LENGTH) {
            return false;
        }
        return key.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ',');
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The first characters, safe to show and log: {@code kb_1a2b}. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + 4));
    }

    /** The key of an {@code Authorization: Bearer kb_...} header. */
    public static Optional<String> fromAuthorization(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String trimmed = header.trim();
        if (trimmed.length() < 7 || !trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Optional.empty();
        }
        return Optional.of(trimmed.substring(7).trim());
    }

    /** The key of a {@code Sec-WebSocket-Protocol: kurobe.v1, bearer.kb_...} header. */
    public static Optional<String> fromSubprotocols(String header) {
        if (header == null) {
            return Optional.empty();
        }
        for (String protocol : header.split(",")) {
            String candidate = protocol.trim();
            if (candidate.startsWith(BEARER_SUBPROTOCOL)) {
                return Optional.of(candidate.substring(BEARER_SUBPROTOCOL.length()));
            }
        }
        return Optional.empty();
    }
}
