package io.kurobe.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(400), Duration.ofSeconds(2));
    private final Random random = new Random(7);

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        for (int i = 0; i < 200; i++) {
            long first = policy.backoff(1, Optional.empty(), random).toMillis();
            long third = policy.backoff(3, Optional.empty(), random).toMillis();
            long tenth = policy.backoff(10, Optional.empty(), random).toMillis();
            assertTrue(first >= 200 && first <= 400, "first " + first);
            assertTrue(third >= 800 && third <= 1600, "third " + third);
            assertTrue(tenth >= 1000 && tenth <= 2000, "tenth " + tenth);
        }
    }

    @Test
    void retryAfterFromTheVendorWins() {
        assertEquals(Duration.ofSeconds(7), policy.backoff(1, Optional.of(Duration.ofSeconds(7)), random));
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), VendorHttpClient.retryAfter("3"));
        assertEquals(Optional.of(Duration.ZERO), VendorHttpClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(Optional.empty(), VendorHttpClient.retryAfter("soon"));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
    }
}
