package io.kurobe.generation.llm;

import io.kurobe.generation.GenerationRequest;
import io.kurobe.llm.Fallback;
import io.kurobe.llm.Prompt;
import io.kurobe.llm.RoleModels;
import io.kurobe.llm.RoleReply;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A generator behind a language model: role {@code generator.<name>} in {@code kurobe.llm.roles}, one prompt
 * style. It writes SQL for a question and, given what went wrong, rewrites it; the SQL is only read from the
 * reply here, never run (the hub runs it through the guard). With an ICL style ({@code icl}, {@code icl-en}) its
 * prompts show examples of the question's connection, and without any it declines before calling the model.
 */
public final class LlmGenerator {
    public static final String ROLE_PREFIX = "generator.";
    /** Where a generator's fallback leads when none of its models answers: the generators that need no model. */
    public static final String OFFLINE = "the offline engine";

    private final String name;
    private final PromptStyle style;
    private final RoleModels models;
    private final ExampleSource examples;

    public LlmGenerator(String name, PromptStyle style, RoleModels models) {
        this(name, style, models, null);
    }

    /** {@code examples} is where an ICL style's examples come from (unused by the other styles). */
    public LlmGenerator(String name, PromptStyle style, RoleModels models, ExampleSource examples) {
        this.name = name;
        this.style = style;
        this.models = models;
        this.examples = examples;
    }

    public String name() {
        return name;
    }

    public String role() {
        return ROLE_PREFIX + name;
    }

    public PromptStyle style() {
        return style;
    }

    public ModelSql write(GenerationRequest request, Instant deadline, Consumer<Fallback> onFallback) {
        FewShot shots = shots(request);
        if (shots.declined() != null) {
            return ModelSql.none(shots.declined(), null);
        }
        return ask(XiYanPrompt.generate(style, request, shots.shots()), deadline, onFallback);
    }

    /** Asks again with the SQL that failed and what happened when it ran (the refiner's round). */
    public ModelSql rewrite(GenerationRequest request, String sql, String notice, Instant deadline,
                            Consumer<Fallback> onFallback) {
        FewShot shots = shots(request);
        if (shots.declined() != null) {
            return ModelSql.none(shots.declined(), null);
        }
        return ask(XiYanPrompt.refine(style, request, sql, notice, shots.shots()), deadline, onFallback);
    }

    private FewShot shots(GenerationRequest request) {
        if (!style.examples()) {
            return FewShot.of(List.of());
        }
        if (examples == null) {
            return FewShot.declined("prompt style " + style.label() + " needs examples and this generator has no "
                    + "example store");
        }
        return examples.choose(request);
    }

    private ModelSql ask(Prompt prompt, Instant deadline, Consumer<Fallback> onFallback) {
        RoleReply reply = models.chat(role(), prompt, deadline, onFallback);
        if (reply instanceof RoleReply.Offline offline) {
            return ModelSql.none("offline: " + offline.reason(), null);
        }
        RoleReply.Answered answered = (RoleReply.Answered) reply;
        return SqlReply.sql(answered.text())
                .map(sql -> ModelSql.of(sql, answered.usage()))
                .orElseGet(() -> ModelSql.none("model " + answered.usage().model() + " answered without a SQL query",
                        answered.usage()));
    }
}
