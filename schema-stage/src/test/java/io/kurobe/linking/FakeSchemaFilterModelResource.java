package io.kurobe.linking;

import com.fasterxml.jackson.databind.JsonNode;
import io.kurobe.llm.testing.FakeModelResource;
import io.kurobe.llm.testing.FakeVendorServer;

import static io.kurobe.llm.testing.FakeVendorServer.answer;

/**
 * Points the schema-filter role's openai-compatible model at a local server speaking OpenAI's chat completions. It
 * chooses orders.status and customers.segment, except that for a question about returns it answers prose.
 */
public class FakeSchemaFilterModelResource extends FakeModelResource {
    public FakeSchemaFilterModelResource() {
        super("fake-xiyan", "XiYanSQL-QwenCoder-7B-2504", "schema-filter");
    }

    @Override
    protected FakeVendorServer.Reply reply(JsonNode request) {
        if (FakeVendorServer.userText(request).contains("returns")) {
            return answer("The returns live in the orders table, I think.", 210, 12);
        }
        return answer("{\"tables\": {\"orders\": [\"status\"], \"customers\": [\"segment\"]}}", 260, 24);
    }
}
