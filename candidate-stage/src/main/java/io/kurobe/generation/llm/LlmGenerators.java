package io.kurobe.generation.llm;

import io.kurobe.generation.GenerationConfig;
import io.kurobe.llm.RoleModels;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * The model generators: one per role {@code generator.<name>} that has a model in {@code kurobe.llm.roles}, so a
 * generator runs exactly when its role is configured. Its prompt style is {@code kurobe.generation.styles.<name>}
 * (default {@code icl} for the generator named {@code icl}, {@code xiyan} for any other); an ICL style takes its
 * examples from the example store.
 */
@Singleton
public class LlmGenerators {
    private final List<LlmGenerator> all;

    @Inject
    public LlmGenerators(RoleModels models, GenerationConfig config, ExampleSource examples) {
        this(models, config.styles(), examples);
    }

    public LlmGenerators(RoleModels models, Map<String, String> styles, ExampleSource examples) {
        this.all = models.roles().stream()
                .filter(role -> role.startsWith(LlmGenerator.ROLE_PREFIX))
                .map(role -> role.substring(LlmGenerator.ROLE_PREFIX.length()))
                .sorted()
                .map(name -> new LlmGenerator(name,
                        PromptStyle.named(styles.getOrDefault(name, PromptStyle.defaultFor(name))), models, examples))
                .toList();
    }

    public List<LlmGenerator> all() {
        return all;
    }

    /** Whether any generator shows examples, so the example store must follow the examples topic. */
    public boolean anyInContext() {
        return all.stream().anyMatch(g -> g.style().examples());
    }
}
