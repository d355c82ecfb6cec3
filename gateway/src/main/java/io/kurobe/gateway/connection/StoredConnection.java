package io.kurobe.gateway.connection;

import io.kurobe.data.Engine;
import io.kurobe.data.stored.SecretBox;

import java.time.Instant;
import java.util.UUID;

/** A connection row as stored: the password only sealed (whose toString shows the key id and a length). */
public record StoredConnection(UUID id, UUID tenantId, String name, Engine engine, String jdbcUrl, String user,
                               SecretBox.Sealed password, Instant createdAt, Instant updatedAt) {

    /** The context a password is sealed under: its row, so a sealed value moved to another row does not open. */
    static String sealingContext(UUID id) {
        return "connection:" + id;
    }
}
