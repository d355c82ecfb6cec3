package io.kurobe.gateway.auth;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysTest {

    @Test
    void hashesAsSha256Hex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.hash("abc"));
    }

    @Test
    void acceptsOnlyKurobeKeysOfReasonableLength() {
        assertTrue(ApiKeys.wellFormed("kb_0123456789abcdef"));
        assertFalse(ApiKeys.wellFormed("kb_short"));
        assertFalse(ApiKeys.wellFormed("sk_0123456789abcdef"));
        assertFalse(ApiKeys.wellFormed("kb_0123456789 abcdef"));
        assertFalse(ApiKeys.wellFormed("kb_" + "x".repeat(300)));
        assertFalse(ApiKeys.wellFormed(null));
    }

    @Test
    void readsTheBearerHeaderWhateverTheSchemeCase() {
        assertEquals(Optional.of("kb_abc"), ApiKeys.fromAuthorization("Bearer kb_abc"));
        assertEquals(Optional.of("kb_abc"), ApiKeys.fromAuthorization("bearer   kb_abc "));
        assertEquals(Optional.empty(), ApiKeys.fromAuthorization("Basic dXNlcjpwYXNz"));
        assertEquals(Optional.empty(), ApiKeys.fromAuthorization(null));
    }

    @Test
    void readsTheKeyFromTheOfferedSubprotocols() {
        assertEquals(Optional.of("kb_abc"), ApiKeys.fromSubprotocols("kurobe.v1, bearer.kb_abc"));
        assertEquals(Optional.empty(), ApiKeys.fromSubprotocols("kurobe.v1"));
        assertEquals(Optional.empty(), ApiKeys.fromSubprotocols(null));
    }

    @Test
    void showsOnlyThePrefixOfAKey() {
        assertEquals("kb_0123", ApiKeys.displayPrefix("kb_0123456789abcdef"));
    }
}
