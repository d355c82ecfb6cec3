package io.kurobe.data.guard;

import java.util.Objects;

/**
 * The guard's answer: either the SQL to run (the checked statement, rewritten with a LIMIT no higher than the row
 * cap) or the reason it may not run, phrased so a person and the refiner can act on it.
 */
public record GuardVerdict(String sql, String reason) {
    public GuardVerdict {
        if ((sql == null) == (reason == null)) {
            throw new IllegalArgumentException("a verdict has either SQL to run or a reason, not both");
        }
    }

    public static GuardVerdict accepted(String sql) {
        return new GuardVerdict(Objects.requireNonNull(sql), null);
    }

    public static GuardVerdict rejected(String reason) {
        return new GuardVerdict(null, Objects.requireNonNull(reason));
    }

    public boolean isAccepted() {
        return sql != null;
    }
}
