package io.kurobe.model;

/** The five pipeline stages, in order; each reports progress under its own name. */
public enum Stage {
    INTENT, SCHEMA, CANDIDATE, SELECTION, PANEL
}
