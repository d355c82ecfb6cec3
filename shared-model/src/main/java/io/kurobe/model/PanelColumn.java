package io.kurobe.model;

/** A column of a panel's data: its name and SQL type as the database reported it. */
public record PanelColumn(String name, String type) {
}
