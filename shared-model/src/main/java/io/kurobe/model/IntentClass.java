package io.kurobe.model;

public enum IntentClass {
    ANSWERABLE, NEEDS_CLARIFICATION, OUT_OF_SCOPE, DATA_CHANGE
}
