package io.kurobe.model;

import java.time.LocalDate;

/** A time range named in the question, end exclusive; either end may be open. */
public record TimeRange(LocalDate from, LocalDate until, String text) {
}
