package io.kurobe.generation.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a model generator words its prompt: {@code xiyan} is the Chinese template XiYanSQL-QwenCoder was trained
 * on; {@code xiyan-en} says the same in English for general models, a second style for diversity. {@code icl} and
 * {@code icl-en} are the same templates with examples of the connection (question and SQL) before the question:
 * the in-context-learning generator.
 */
public enum PromptStyle {
    XIYAN("xiyan", true, false), XIYAN_EN("xiyan-en", false, false),
    ICL("icl", true, true), ICL_EN("icl-en", false, true);

    /** The generator name whose style is {@code icl} unless configured otherwise. */
    public static final String ICL_NAME = "icl";

    private final String label;
    private final boolean chinese;
    private final boolean examples;

    PromptStyle(String label, boolean chinese, boolean examples) {
        this.label = label;
        this.chinese = chinese;
        this.examples = examples;
    }

    public String label() {
        return label;
    }

    /** Whether the prompt is XiYan's Chinese template (else its English wording). */
    public boolean chinese() {
        return chinese;
    }

    /** Whether the prompt shows examples of the connection, chosen for the question. */
    public boolean examples() {
        return examples;
    }

    /** The style of a generator that names none: {@code icl} for the generator {@code icl}, else {@code xiyan}. */
    public static String defaultFor(String generator) {
        return ICL_NAME.equals(generator) ? ICL.label : XIYAN.label;
    }

    public static PromptStyle named(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown prompt style '" + label + "'; styles: "
                        + Arrays.stream(values()).map(PromptStyle::label).collect(Collectors.joining(", "))));
    }
}
