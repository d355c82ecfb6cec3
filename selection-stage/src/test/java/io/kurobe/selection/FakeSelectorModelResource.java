package io.kurobe.selection;

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
 * Points the selector role's openai-compatible model at a local server speaking OpenAI's chat completions. It
 * picks candidate B, except that it names a candidate not offered when asked about "customers" and answers
 * HTTP 500 when asked about "products".
 */
public class FakeSelectorModelResource implements QuarkusTestResourceLifecycleManager {
    private FakeVendorServer server;

    @Override
    public Map<String, String> start() {
        server = FakeVendorServer.start(FakeVendorServer.Vendor.OPENAI).respond(request -> {
            String asked = FakeVendorServer.userText(request);
            if (asked.contains("[Question]\nHow many products")) {
                return status(500);
            }
            if (asked.contains("[Question]\nHow many customers")) {
                return answer("Candidate Q", 300, 3);
            }
            return answer("Candidate B", 320, 3);
        });
        return server.roleConfig("fake-selector", "XiYanSQL-Selector", "selector");
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
