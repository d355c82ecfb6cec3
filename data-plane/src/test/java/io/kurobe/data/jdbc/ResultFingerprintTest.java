package io.kurobe.data.jdbc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ResultFingerprintTest {
    @Test
    void equalNumbersOfEveryTypeNormalizeAlike() {
        assertEquals("3", ResultFingerprint.number(3));
        assertEquals("3", ResultFingerprint.number(3L));
        assertEquals("3", ResultFingerprint.number(3.0));
        assertEquals("3", ResultFingerprint.number(new BigDecimal("3.000")));
        assertEquals("3", ResultFingerprint.number(BigInteger.valueOf(3)));
        assertEquals("0.333333", ResultFingerprint.number(1.0 / 3));
        assertEquals("0", ResultFingerprint.number(-0.0));
        assertEquals("1200", ResultFingerprint.number(new BigDecimal("1.2E+3")));
    }

    @Test
    void rowOrderCountsOnlyWhenOrdered() {
        List<List<Object>> ab = List.of(List.of(1, "a"), List.of(2, "b"));
        List<List<Object>> ba = List.of(List.of(2, "b"), List.of(1, "a"));
        assertEquals(ResultFingerprint.of(ab, false), ResultFingerprint.of(ba, false));
        assertNotEquals(ResultFingerprint.of(ab, true), ResultFingerprint.of(ba, true));
    }

    @Test
    void distinguishesValuesThatPrintAlike() {
        assertNotEquals(ResultFingerprint.of(List.of(List.of("3")), false), ResultFingerprint.of(List.of(List.of(3)), false));
        assertNotEquals(ResultFingerprint.of(List.of(Arrays.asList((Object) null)), false),
                ResultFingerprint.of(List.of(List.of("null")), false));
        assertNotEquals(ResultFingerprint.of(List.of(List.of("a,b")), false),
                ResultFingerprint.of(List.of(List.of("a", "b")), false));
    }
}
