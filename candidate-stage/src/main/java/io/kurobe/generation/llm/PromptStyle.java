package io.kurobe.generation.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a model generator words its prompt: {@code xiyan} is the Chinese template XiYanSQL-QwenCoder was trained
 * on; {@code xiyan-en} says the same in English for general models, a second style for diversity.
 */
public enum PromptStyle {
    XIYAN("xiyan"), XIYAN_EN("xiyan-en");

    private final String label;

    PromptStyle(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static PromptStyle named(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown prompt style '" + label + "'; styles: "
                        + Arrays.stream(values()).map(PromptStyle::label).collect(Collectors.joining(", "))));
    }
}
