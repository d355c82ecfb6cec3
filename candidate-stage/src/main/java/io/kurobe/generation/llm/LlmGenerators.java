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
 * (default {@code xiyan}).
 */
@Singleton
public class LlmGenerators {
    private final List<LlmGenerator> all;

    @Inject
    public LlmGenerators(RoleModels models, GenerationConfig config) {
        this(models, config.styles());
    }

    public LlmGenerators(RoleModels models, Map<String, String> styles) {
        this.all = models.roles().stream()
                .filter(role -> role.startsWith(LlmGenerator.ROLE_PREFIX))
                .map(role -> role.substring(LlmGenerator.ROLE_PREFIX.length()))
                .sorted()
                .map(name -> new LlmGenerator(name, PromptStyle.named(styles.getOrDefault(name, "xiyan")), models))
                .toList();
    }

    public List<LlmGenerator> all() {
        return all;
    }
}
