package io.kurobe.data;

public record ResultColumn(String name, String type) {
}
