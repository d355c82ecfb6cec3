package io.kurobe.intent;

import io.kurobe.model.TimeRange;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A time range named by years: "in 2024", "between 2022 and 2023", "since 2021", "before 2020". */
final class YearRange {
    private static final String YEAR = "((?:19|20)\\d{2})\\b";
    private static final Pattern BETWEEN = Pattern.compile(
            "\\b(?:between|from)\\s+" + YEAR + "\\s+(?:and|to|until|through)\\s+" + YEAR, Pattern.CASE_INSENSITIVE);
    private static final Pattern IN = Pattern.compile(
            "\\b(?:in|during|for|of|throughout|within)\\s+(?:the\\s+)?(?:year\\s+)?" + YEAR, Pattern.CASE_INSENSITIVE);
    private static final Pattern SINCE = Pattern.compile("\\b(?:since|after)\\s+" + YEAR, Pattern.CASE_INSENSITIVE);
    private static final Pattern BEFORE = Pattern.compile("\\bbefore\\s+" + YEAR, Pattern.CASE_INSENSITIVE);

    private YearRange() {
    }

    static Optional<TimeRange> of(String question) {
        Matcher m = BETWEEN.matcher(question);
        if (m.find()) {
            return Optional.of(new TimeRange(start(m.group(1)), start(m.group(2)).plusYears(1), m.group()));
        }
        m = IN.matcher(question);
        if (m.find()) {
            return Optional.of(new TimeRange(start(m.group(1)), start(m.group(1)).plusYears(1), m.group()));
        }
        m = SINCE.matcher(question);
        if (m.find()) {
            LocalDate from = m.group().toLowerCase(java.util.Locale.ROOT).startsWith("after") ? start(m.group(1)).plusYears(1) : start(m.group(1));
            return Optional.of(new TimeRange(from, null, m.group()));
        }
        m = BEFORE.matcher(question);
        if (m.find()) {
            return Optional.of(new TimeRange(null, start(m.group(1)), m.group()));
        }
        return Optional.empty();
    }

    private static LocalDate start(String year) {
        return LocalDate.of(Integer.parseInt(year), 1, 1);
    }
}
