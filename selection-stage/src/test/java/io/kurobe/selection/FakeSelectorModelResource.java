package io.kurobe.selection;

import com.fasterxml.jackson.databind.JsonNode;
import io.kurobe.llm.testing.FakeModelResource;
import io.kurobe.llm.testing.FakeVendorServer;

import static io.kurobe.llm.testing.FakeVendorServer.answer;
import static io.kurobe.llm.testing.FakeVendorServer.status;

/**
 * Points the selector role's openai-compatible model at a local server speaking OpenAI's chat completions. It
 * picks candidate B, except that it names a candidate not offered when asked about "customers" and answers
 * HTTP 500 when asked about "products".
 */
public class FakeSelectorModelResource extends FakeModelResource {
    public FakeSelectorModelResource() {
        super("fake-selector", "XiYanSQL-Selector", "selector");
    }

    @Override
    protected FakeVendorServer.Reply reply(JsonNode request) {
        String asked = FakeVendorServer.userText(request);
        if (asked.contains("[Question]\nHow many products")) {
            return status(500);
        }
        if (asked.contains("[Question]\nHow many customers")) {
            return answer("Candidate Q", 300, 3);
        }
        return answer("Candidate B", 320, 3);
    }
}
