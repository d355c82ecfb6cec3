package io.kurobe.gateway.connection;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A connection as the API shows it: {@code password} is "set" when one is stored, and absent otherwise. */
public record ConnectionView(UUID id, String name, String engine, String jdbcUrl, String user, String password,
                             Instant createdAt, Instant updatedAt) {
    static final String PASSWORD_SET = "set";

    static ConnectionView of(StoredConnection c) {
        return new ConnectionView(c.id(), c.name(), c.engine().name().toLowerCase(Locale.ROOT), c.jdbcUrl(), c.user(),
                c.password() == null ? null : PASSWORD_SET, c.createdAt(), c.updatedAt());
    }
}
