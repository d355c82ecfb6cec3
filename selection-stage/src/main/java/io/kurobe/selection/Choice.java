package io.kurobe.selection;

/**
 * The candidate chosen, how sure the rules are (0..1), why, and whether the decision is weak enough
 * to be offered back to the asker as a clarification.
 */
public record Choice(int index, double confidence, String reason, boolean lowConfidence) {
}
