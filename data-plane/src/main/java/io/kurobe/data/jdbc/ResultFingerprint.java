package io.kurobe.data.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 over the normalized rows of a result, so that equal answers fingerprint equally:
 * numbers compare by value rounded to 6 decimals (3 == 3.0), and row order counts only when the query orders.
 */
public final class ResultFingerprint {
    private static final int SCALE = 6;

    private ResultFingerprint() {
    }

    public static String of(List<List<Object>> rows, boolean ordered) {
        List<String> encoded = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            encoded.add(encodeRow(row));
        }
        if (!ordered) {
            Collections.sort(encoded);
        }
        MessageDigest sha = sha256();
        sha.update((ordered ? "ordered\n" : "unordered\n").getBytes(StandardCharsets.UTF_8));
        for (String row : encoded) {
            sha.update(row.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String encodeRow(List<Object> row) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            encodeValue(row.get(i), out);
        }
        return out.append(']').toString();
    }

    private static void encodeValue(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number) {
            out.append(number((Number) value));
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof List) {
            out.append(encodeRow(castList(value)));
        } else if (value instanceof Map) {
            out.append('{');
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                quote(String.valueOf(e.getKey()), out);
                out.append(':');
                encodeValue(e.getValue(), out);
                out.append(';');
            }
            out.append('}');
        } else {
            quote(value.toString(), out);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object value) {
        return (List<Object>) value;
    }

    static String number(Number n) {
        BigDecimal d;
        if (n instanceof BigDecimal) {
            d = (BigDecimal) n;
        } else if (n instanceof BigInteger) {
            d = new BigDecimal((BigInteger) n);
        } else if (n instanceof Double || n instanceof Float) {
            double v = n.doubleValue();
            if (!Double.isFinite(v)) {
                return String.valueOf(v);
            }
            d = BigDecimal.valueOf(v);
        } else {
            d = BigDecimal.valueOf(n.longValue());
        }
        BigDecimal rounded = d.setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c == '\n' ? "\\n" : String.valueOf(c));
        }
        out.append('"');
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
