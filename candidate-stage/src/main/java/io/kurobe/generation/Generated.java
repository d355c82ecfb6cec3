package io.kurobe.generation;

import java.util.Optional;

/** A generator's answer: SQL, or the reason it has none. */
public record Generated(Optional<String> sql, String reason) {
    public static Generated sql(String sql) {
        return new Generated(Optional.of(sql), null);
    }

    public static Generated none(String reason) {
        return new Generated(Optional.empty(), reason);
    }
}
