package io.kurobe.selection;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Values as results are compared: integers and integral floats are equal (2 == 2.0), other floats are
 * rounded to 6 decimal places, booleans become 0/1 — the comparison text-to-SQL evaluation uses.
 */
public final class ResultValues {
    private static final double TWO_63 = 9.223372036854775807E18;

    private ResultValues() {
    }

    public static Object normalize(Object v) {
        if (v instanceof Boolean) {
            return ((Boolean) v) ? 1L : 0L;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            if (d == Math.rint(d) && Math.abs(d) < TWO_63) {
                return (long) d;
            }
            return new BigDecimal(Double.toString(d)).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
        }
        return v;
    }

    public static List<List<Object>> normalize(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> n = new ArrayList<>(row.size());
            for (Object v : row) {
                n.add(normalize(v));
            }
            out.add(n);
        }
        return out;
    }
}
