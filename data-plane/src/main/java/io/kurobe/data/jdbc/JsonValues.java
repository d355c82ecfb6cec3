package io.kurobe.data.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what a JDBC driver returns into plain values a JSON mapper writes without help. */
public final class JsonValues {
    private JsonValues() {
    }

    public static Object of(Object value) throws SQLException {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof BigDecimal || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? (Object) d : String.valueOf(d);
        }
        if (value instanceof java.sql.Date) {
            return ((java.sql.Date) value).toLocalDate().toString();
        }
        if (value instanceof Timestamp) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(((Timestamp) value).toLocalDateTime());
        }
        if (value instanceof Time) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(((Time) value).toLocalTime());
        }
        if (value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof LocalDateTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format((LocalDateTime) value);
        }
        if (value instanceof LocalTime) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format((LocalTime) value);
        }
        if (value instanceof OffsetDateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) value);
        }
        if (value instanceof ZonedDateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((ZonedDateTime) value);
        }
        if (value instanceof OffsetTime) {
            return DateTimeFormatter.ISO_OFFSET_TIME.format((OffsetTime) value);
        }
        if (value instanceof byte[]) {
            return Base64.getEncoder().encodeToString((byte[]) value);
        }
        if (value instanceof Array) {
            return list(((Array) value).getArray());
        }
        if (value instanceof Object[]) {
            return list(value);
        }
        if (value instanceof Struct) {
            return list(((Struct) value).getAttributes());
        }
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.put(String.valueOf(e.getKey()), of(e.getValue()));
            }
            return out;
        }
        if (value instanceof Number) {
            return new BigDecimal(value.toString());
        }
        return value.toString();
    }

    private static List<Object> list(Object array) throws SQLException {
        List<Object> out = new ArrayList<>();
        for (Object element : Arrays.asList((Object[]) array)) {
            out.add(of(element));
        }
        return out;
    }

    /** A column value as an example string of M-Schema: decimals written out plainly. */
    public static String exampleText(Object value) throws SQLException {
        Object json = of(value);
        return json instanceof java.math.BigDecimal ? ((java.math.BigDecimal) json).toPlainString() : String.valueOf(json);
    }
}
