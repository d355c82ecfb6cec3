package io.kurobe.model;

/** A value of the database that a word or phrase of the question matched. */
public record MatchedValue(String table, String column, String value, String matchedText, double score) {
}
