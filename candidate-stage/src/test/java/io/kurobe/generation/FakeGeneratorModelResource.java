package io.kurobe.generation;

import io.kurobe.llm.testing.FakeVendorServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import static io.kurobe.llm.testing.FakeVendorServer.answer;
import static io.kurobe.llm.testing.FakeVendorServer.status;

/**
 * Points the generator role {@code generator.xiyan} at a local server speaking OpenAI's chat completions, as a
 * vLLM serving XiYanSQL-QwenCoder would. It completes the prompt's open {@code ```sql} fence: a count of 2024's
 * orders; for "names of the customers" first a query on a table that does not exist, then (asked to fix it) the right one;
 * HTTP 500 for anything about returns; prose for "weather".
 */
public class FakeGeneratorModelResource implements QuarkusTestResourceLifecycleManager {
    static final String COUNT_2024 = "SELECT count(*) AS orders_2024 FROM orders WHERE order_date >= DATE '2024-01-01' "
            + "AND order_date < DATE '2025-01-01'";
    static final String WRONG_TABLE = "SELECT name FROM clients ORDER BY name";
    static final String FIXED = "SELECT name FROM customers ORDER BY name";

    private FakeVendorServer server;

    @Override
    public Map<String, String> start() {
        server = FakeVendorServer.start(FakeVendorServer.Vendor.OPENAI).respond(request -> {
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
        });
        return server.roleConfig("fake-xiyan", "XiYanSQL-QwenCoder-7B-2504", "generator.xiyan");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(FakeModel.class, FakeVendorServer.class));
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface FakeModel {
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
