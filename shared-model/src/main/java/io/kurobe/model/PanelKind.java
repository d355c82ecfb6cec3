package io.kurobe.model;

public enum PanelKind {
    KPI, LINE, BAR, TABLE
}
