package io.kurobe.llm;

/** What one answered role call cost: the model that answered, its tokens, time and attempts. */
public record LlmUsage(String role, String model, long inputTokens, long outputTokens, long latencyMs, int attempts) {

    /** "gpt-4o-mini, 312 tokens in, 45 out, 820 ms". */
    public String summary() {
        return model + ", " + inputTokens + " tokens in, " + outputTokens + " out, " + latencyMs + " ms";
    }
}
