package io.kurobe.intent;

import com.fasterxml.jackson.databind.JsonNode;
import io.kurobe.llm.testing.FakeModelResource;
import io.kurobe.llm.testing.FakeVendorServer;

import static io.kurobe.llm.testing.FakeVendorServer.answer;
import static io.kurobe.llm.testing.FakeVendorServer.status;

/**
 * Points the intent role's openai-compatible model at a local server speaking OpenAI's chat
 * completions. It answers intent JSON, except that a question about returns gets HTTP 500 and one "by date"
 * a clarification.
 */
public class FakeIntentModelResource extends FakeModelResource {
    static final String REWRITTEN = "How many orders were placed in 2024, by region?";
    static final String CLARIFYING = "Which date do you mean: when the order was placed or when it shipped?";

    public FakeIntentModelResource() {
        super("fake-xiyan", "XiYanSQL-QwenCoder-7B-2504", "intent");
    }

    @Override
    protected FakeVendorServer.Reply reply(JsonNode request) {
        String asked = FakeVendorServer.userText(request);
        if (asked.contains("returns")) {
            return status(500);
        }
        if (asked.contains("by date")) {
            return answer("{\"intent\":\"NEEDS_CLARIFICATION\",\"standalone_question\":\"How many orders by date?\","
                    + "\"clarification\":{\"question\":\"" + CLARIFYING + "\","
                    + "\"options\":[\"ordered_at\",\"shipped_at\"]}}", 120, 30);
        }
        return answer("{\"intent\":\"ANSWERABLE\",\"standalone_question\":\"" + REWRITTEN + "\",\"entities\":[\"2024\"],"
                + "\"time_range\":{\"from\":\"2024-01-01\",\"until\":\"2025-01-01\",\"text\":\"in 2024\"}}", 180, 52);
    }
}
