package io.kurobe.linking;

import io.kurobe.llm.testing.FakeVendorServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import static io.kurobe.llm.testing.FakeVendorServer.answer;

/**
 * Points the schema-filter role's openai-compatible model at a local server speaking OpenAI's chat completions. It
 * chooses orders.status and customers.segment, except that for a question about returns it answers prose.
 */
public class FakeSchemaFilterModelResource implements QuarkusTestResourceLifecycleManager {
    private FakeVendorServer server;

    @Override
    public Map<String, String> start() {
        server = FakeVendorServer.start(FakeVendorServer.Vendor.OPENAI).respond(request -> {
            if (FakeVendorServer.userText(request).contains("returns")) {
                return answer("The returns live in the orders table, I think.", 210, 12);
            }
            return answer("{\"tables\": {\"orders\": [\"status\"], \"customers\": [\"segment\"]}}", 260, 24);
        });
        return server.roleConfig("fake-xiyan", "XiYanSQL-QwenCoder-7B-2504", "schema-filter");
    }

    /** Hands the running server to the test's field annotated {@link FakeModel}, so a test can stop it. */
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
