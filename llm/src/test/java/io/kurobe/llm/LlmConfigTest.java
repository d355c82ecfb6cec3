package io.kurobe.llm;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's configuration examples, read through the real config mapping. */
class LlmConfigTest {

    @Test
    void readsTheReadmesFourProvidersAndAFallbackChain() {
        LlmSettings settings = LlmProducer.settings(config(Map.ofEntries(
                Map.entry("kurobe.llm.models.gpt.provider", "openai"),
                Map.entry("kurobe.llm.models.gpt.model", "gpt-4o-mini"),
                Map.entry("kurobe.llm.models.gpt.api-key", "sk-from-env"),
                Map.entry("kurobe.llm.models.claude.provider", "anthropic"),
                Map.entry("kurobe.llm.models.claude.model", "claude-3-5-haiku-latest"),
                Map.entry("kurobe.llm.models.claude.api-key", "sk-ant-from-env"),
                Map.entry("kurobe.llm.models.claude.max-tokens", "1024"),
                Map.entry("kurobe.llm.models.local.provider", "ollama"),
                Map.entry("kurobe.llm.models.local.base-url", "http://localhost:11434"),
                Map.entry("kurobe.llm.models.local.model", "qwen2.5-coder:7b"),
                Map.entry("kurobe.llm.models.local.timeout", "120s"),
                Map.entry("kurobe.llm.models.xiyan.provider", "openai-compatible"),
                Map.entry("kurobe.llm.models.xiyan.base-url", "http://localhost:8000/v1"),
                Map.entry("kurobe.llm.models.xiyan.model", "XGenerationLab/XiYanSQL-QwenCoder-7B-2504"),
                Map.entry("kurobe.llm.models.xiyan.temperature", "0.1"),
                Map.entry("kurobe.llm.roles.intent", "gpt, claude,local"),
                Map.entry("kurobe.llm.roles.generator-xiyan", "xiyan"))));

        assertEquals(List.of("gpt", "claude", "local"), settings.roles().get("intent"));
        assertEquals(List.of("xiyan"), settings.roles().get("generator-xiyan"));
        ModelSettings gpt = settings.models().get("gpt");
        assertEquals(Provider.OPENAI, gpt.provider());
        assertEquals("https://api.openai.com/v1", gpt.baseUrl());
        assertEquals(Duration.ofSeconds(60), gpt.timeout());
        assertNull(gpt.temperature());
        assertFalse(gpt.toString().contains("sk-from-env"));
        assertEquals(1024, settings.models().get("claude").maxTokens());
        assertEquals("https://api.anthropic.com/v1/", settings.models().get("claude").baseUrl());
        assertEquals(Duration.ofSeconds(120), settings.models().get("local").timeout());
        ModelSettings xiyan = settings.models().get("xiyan");
        assertEquals(Provider.OPENAI_COMPATIBLE, xiyan.provider());
        assertEquals(0.1, xiyan.temperature());
        assertEquals(RetryPolicy.DEFAULT, settings.retry());
        assertEquals(5, settings.breakerFailures());
    }

    @Test
    void noConfigurationMeansEveryRoleIsOffline() {
        LlmSettings settings = LlmProducer.settings(config(Map.of()));
        assertTrue(settings.models().isEmpty());
        assertTrue(settings.roles().isEmpty());
    }

    @Test
    void aPropertiesFileOutsideQuarkusReadsTheSameWayAndNamesEnvironmentVariablesForKeys() {
        LlmSettings settings = LlmProducer.settings(Map.of(
                "kurobe.llm.models.gpt.provider", "openai",
                "kurobe.llm.models.gpt.model", "gpt-4o-mini",
                "kurobe.llm.models.gpt.api-key", "${KUROBE_NO_SUCH_VARIABLE:sk-from-default}",
                "kurobe.llm.models.gpt.timeout", "45s",
                "kurobe.llm.roles.generator.xiyan", "gpt",
                "kurobe.llm.roles.selector", "gpt"));

        assertEquals(List.of("gpt"), settings.roles().get("generator.xiyan"));
        assertEquals(List.of("gpt"), settings.roles().get("selector"));
        assertEquals(Duration.ofSeconds(45), settings.models().get("gpt").timeout());
        assertEquals("sk-from-default", settings.models().get("gpt").apiKey());
    }

    private static LlmConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(LlmConfig.class)
                .withConverter(Duration.class, 100, LlmProducer::duration)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(LlmConfig.class);
    }
}
