package io.kurobe.generation;

import com.fasterxml.jackson.databind.JsonNode;
import io.kurobe.llm.testing.FakeModelResource;
import io.kurobe.llm.testing.FakeVendorServer;

import static io.kurobe.llm.testing.FakeVendorServer.answer;
import static io.kurobe.llm.testing.FakeVendorServer.status;

/**
 * Points the generator role {@code generator.xiyan} at a local server speaking OpenAI's chat completions, as a
 * vLLM serving XiYanSQL-QwenCoder would. It completes the prompt's open {@code ```sql} fence: a count of 2024's
 * orders; for "names of the customers" first a query on a table that does not exist, then (asked to fix it) the right one;
 * HTTP 500 for anything about returns; prose for "weather".
 */
public class FakeGeneratorModelResource extends FakeModelResource {
    static final String COUNT_2024 = "SELECT count(*) AS orders_2024 FROM orders WHERE order_date >= DATE '2024-01-01' "
            + "AND order_date < DATE '2025-01-01'";
    static final String WRONG_TABLE = "SELECT name FROM clients ORDER BY name";
    static final String FIXED = "SELECT name FROM customers ORDER BY name";

    public FakeGeneratorModelResource() {
        super("fake-xiyan", "XiYanSQL-QwenCoder-7B-2504", "generator.xiyan");
    }

    @Override
    protected FakeVendorServer.Reply reply(JsonNode request) {
        String asked = FakeVendorServer.userText(request);
        if (asked.contains("returns")) {
            return status(500);
        }
        if (asked.contains("weather")) {
            return answer("I cannot tell the weather from this schema.", 90, 10);
        }
        if (asked.contains("names of the customers")) {
            return asked.contains("【待修正SQL】") && asked.contains("clients")
                    ? answer("```sql\n" + FIXED + ";\n```", 260, 14)
                    : answer(WRONG_TABLE + "\n```", 240, 12);
        }
        return answer(COUNT_2024 + "\n```", 250, 30);
    }
}
