package io.kurobe.gateway.auth;

import java.util.UUID;

/** Who is calling: the tenant that owns the API key, and which key it was. */
public record Caller(UUID tenantId, UUID keyId) {
    /** How events name the asker: the key, never its secret. */
    public String asker() {
        return "api-key:" + keyId;
    }
}
