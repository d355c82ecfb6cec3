package io.kurobe.model;

/** How the chosen candidate was chosen. */
public enum SelectionMethod {
    ONLY_CANDIDATE, UNANIMOUS, MAJORITY, SELECTOR_MODEL, RULES
}
