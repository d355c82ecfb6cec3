package io.kurobe.generation;

import com.fasterxml.jackson.databind.JsonNode;
import io.kurobe.llm.testing.FakeModelResource;
import io.kurobe.llm.testing.FakeVendorServer;

import java.util.Map;

import static io.kurobe.llm.testing.FakeVendorServer.answer;

/**
 * Points the role {@code generator.icl} (so the ICL generator, prompt style {@code icl}) at a local server speaking
 * OpenAI's chat completions, showing one example per prompt. It completes "What are the names of all customers?"
 * first on a table that does not exist, then (asked to fix it) on the right one, and every other prompt with one
 * count of 2024's orders, written unlike the offline generators would.
 */
public class FakeIclModelResource extends FakeModelResource {
    static final String ICL_SQL = "SELECT COUNT(*) AS orders_in_2024 FROM orders WHERE EXTRACT(YEAR FROM order_date) = 2024";
    static final String WRONG_TABLE = "SELECT name FROM buyers ORDER BY name";
    static final String FIXED = "SELECT name AS customer FROM customers ORDER BY name";

    public FakeIclModelResource() {
        super("fake-icl", "gpt-4o-mini", "generator.icl");
    }

    @Override
    protected FakeVendorServer.Reply reply(JsonNode request) {
        String asked = FakeVendorServer.userText(request);
        if (asked.endsWith("names of all customers?\n\n```sql")) {
            return asked.contains("【待修正SQL】") ? answer(FIXED + "\n```", 300, 12) : answer(WRONG_TABLE + "\n```", 280, 10);
        }
        return answer(ICL_SQL + "\n```", 320, 25);
    }

    @Override
    protected Map<String, String> moreConfig() {
        return Map.of("kurobe.generation.icl.examples", "1");
    }
}
