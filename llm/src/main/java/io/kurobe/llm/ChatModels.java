package io.kurobe.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * Builds a LangChain4j chat model from one of our model configurations. LangChain4j's own retries
 * are switched off: {@link ResilientModel} retries with knowledge of the question's deadline.
 */
final class ChatModels {
    private static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;

    private ChatModels() {
    }

    static ChatModel build(ModelSettings settings) {
        return switch (settings.provider()) {
            case OPENAI, OPENAI_COMPATIBLE -> OpenAiChatModel.builder()
                    .httpClientBuilder(new VendorHttpClient.Builder())
                    .baseUrl(settings.baseUrl())
                    .apiKey(settings.apiKey())
                    .modelName(settings.model())
                    .temperature(settings.temperature())
                    .maxTokens(settings.maxTokens())
                    .timeout(settings.timeout())
                    .maxRetries(0)
                    .build();
            case ANTHROPIC -> AnthropicChatModel.builder()
                    .httpClientBuilder(new VendorHttpClient.Builder())
                    .baseUrl(settings.baseUrl())
                    .apiKey(settings.apiKey())
                    .modelName(settings.model())
                    .temperature(settings.temperature())
                    .maxTokens(settings.maxTokens() == null ? ANTHROPIC_DEFAULT_MAX_TOKENS : settings.maxTokens())
                    .timeout(settings.timeout())
                    .maxRetries(0)
                    .build();
            case OLLAMA -> OllamaChatModel.builder()
                    .httpClientBuilder(new VendorHttpClient.Builder())
                    .baseUrl(settings.baseUrl())
                    .modelName(settings.model())
                    .temperature(settings.temperature())
                    .numPredict(settings.maxTokens())
                    .timeout(settings.timeout())
                    .maxRetries(0)
                    .build();
        };
    }
}
