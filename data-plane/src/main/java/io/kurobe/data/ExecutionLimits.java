package io.kurobe.data;

import java.time.Duration;

/** The walls around one execution of generated SQL. */
public record ExecutionLimits(int rowCap, Duration timeout) {
    public static final ExecutionLimits DEFAULT = new ExecutionLimits(1000, Duration.ofSeconds(30));
}
