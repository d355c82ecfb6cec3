package io.kurobe.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

/**
 * A Quarkus test resource that points one role's openai-compatible model at a {@link FakeVendorServer} speaking
 * OpenAI's chat completions, answering each request as {@link #reply} says. A test gets the running server in a
 * field annotated {@link FakeModel}, so it can read the requests or stop the server.
 */
public abstract class FakeModelResource implements QuarkusTestResourceLifecycleManager {
    private final String name;
    private final String model;
    private final String role;
    private FakeVendorServer server;

    /**
     * @param name  the model's name in {@code kurobe.llm.models.<name>}
     * @param model the model id it sends
     * @param role  the role that calls it
     */
    protected FakeModelResource(String name, String model, String role) {
        this.name = name;
        this.model = model;
        this.role = role;
    }

    /** The server's answer to one request (its JSON body). */
    protected abstract FakeVendorServer.Reply reply(JsonNode request);

    /** Settings the stage needs beside the role's. */
    protected Map<String, String> moreConfig() {
        return Map.of();
    }

    @Override
    public Map<String, String> start() {
        server = FakeVendorServer.start(FakeVendorServer.Vendor.OPENAI).respond(this::reply);
        Map<String, String> config = new HashMap<>(server.roleConfig(name, model, role));
        config.putAll(moreConfig());
        return config;
    }

    /** Hands the running server to the test's field annotated {@link FakeModel}. */
    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(FakeModel.class, FakeVendorServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Marks the test's {@link FakeVendorServer} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface FakeModel {
    }
}
