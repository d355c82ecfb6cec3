package io.kurobe.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.kurobe.llm.testing.FakeVendorServer;
import io.kurobe.llm.testing.FakeVendorServer.Vendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kurobe.llm.testing.FakeVendorServer.answer;
import static io.kurobe.llm.testing.FakeVendorServer.cutMidBody;
import static io.kurobe.llm.testing.FakeVendorServer.delayed;
import static io.kurobe.llm.testing.FakeVendorServer.malformed;
import static io.kurobe.llm.testing.FakeVendorServer.rateLimited;
import static io.kurobe.llm.testing.FakeVendorServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every vendor and every fault against local servers that speak the vendors' APIs. */
class RoleModelsTest {
    private static final Prompt PROMPT = new Prompt("You classify questions.", "How many orders in 2024?");
    private static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40));

    private final List<FakeVendorServer> servers = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Fallback> reported = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(FakeVendorServer::close);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void eachVendorAnswersWithTextAndUsage(Vendor vendor) {
        FakeVendorServer server = server(vendor).always(answer("{\"intent\":\"ANSWERABLE\"}", 120, 30));
        RoleModels models = models(Map.of("m", settings("m", vendor, server)), Map.of("intent", List.of("m")));

        RoleReply.Answered reply = assertInstanceOf(RoleReply.Answered.class, ask(models, in(Duration.ofSeconds(30))));

        assertEquals("{\"intent\":\"ANSWERABLE\"}", reply.text());
        assertEquals(new LlmUsage("intent", "m", 120, 30, reply.usage().latencyMs(), 1), reply.usage());
        assertEquals("m-model", server.requests().get(0).path("model").asText());
        assertEquals("How many orders in 2024?", FakeVendorServer.userText(server.requests().get(0)));
        assertEquals(120.0, registry.get("kurobe.llm.tokens").tags("model", "m", "role", "intent", "direction", "in").counter().count());
        assertEquals(30.0, registry.get("kurobe.llm.tokens").tags("model", "m", "role", "intent", "direction", "out").counter().count());
        assertEquals(1, registry.get("kurobe.llm.latency").tags("model", "m", "outcome", "ok").timer().count());
        assertTrue(reply.fallbacks().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void jsonPromptsUseTheVendorsJsonModeWhereItHasOne(Vendor vendor) {
        FakeVendorServer server = server(vendor).always(answer("{}"));
        RoleModels models = models(Map.of("m", settings("m", vendor, server)), Map.of("intent", List.of("m")));

        models.chat("intent", new Prompt("Answer with JSON.", "Classify this.", true), in(Duration.ofSeconds(30)), reported::add);

        JsonNode sent = server.requests().get(0);
        switch (vendor) {
            case OPENAI -> assertEquals("json_object", sent.path("response_format").path("type").asText(), sent.toString());
            case OLLAMA -> assertEquals("json", sent.path("format").asText(), sent.toString());
            case ANTHROPIC -> assertTrue(sent.path("response_format").isMissingNode(), sent.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Vendor.class, names = {"OPENAI", "ANTHROPIC"})
    void apiKeyReachesTheVendorButNoStringOfTheSettings(Vendor vendor) {
        FakeVendorServer server = server(vendor).always(answer("ok"));
        ModelSettings settings = settings("m", vendor, server);
        RoleModels models = models(Map.of("m", settings), Map.of("intent", List.of("m")));

        ask(models, in(Duration.ofSeconds(30)));

        assertTrue(server.credentials().get(0).endsWith("sk-test-secret"), server.credentials().toString());
        assertFalse(settings.toString().contains("sk-test-secret"), settings.toString());
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void serverErrorIsRetriedOnTheSameModel(Vendor vendor) {
        FakeVendorServer server = server(vendor).script(status(500), status(503)).always(answer("fine"));
        RoleModels models = models(Map.of("m", settings("m", vendor, server)), Map.of("intent", List.of("m")));

        RoleReply.Answered reply = assertInstanceOf(RoleReply.Answered.class, ask(models, in(Duration.ofSeconds(30))));

        assertEquals("fine", reply.text());
        assertEquals(3, reply.usage().attempts());
        assertEquals(3, server.requestCount());
        assertEquals(2.0, registry.get("kurobe.llm.errors").tags("model", "m", "fault", "server_error").counter().count());
        assertEquals(2.0, registry.get("kurobe.llm.retries").tags("model", "m").counter().count());
    }

    @Test
    void rateLimitWaitsAsRetryAfterSays() {
        FakeVendorServer server = server(Vendor.OPENAI).script(rateLimited("0")).always(answer("after the wait"));
        RoleModels models = models(Map.of("m", settings("m", Vendor.OPENAI, server)), Map.of("intent", List.of("m")));

        RoleReply.Answered reply = assertInstanceOf(RoleReply.Answered.class, ask(models, in(Duration.ofSeconds(30))));

        assertEquals("after the wait", reply.text());
        assertEquals(2, server.requestCount());
    }

    @Test
    void rateLimitAskingToWaitPastTheDeadlineMovesToTheNextModelAtOnce() {
        FakeVendorServer limited = server(Vendor.OPENAI).always(rateLimited("120"));
        FakeVendorServer spare = server(Vendor.ANTHROPIC).always(answer("from the spare"));
        RoleModels models = models(Map.of("first", settings("first", Vendor.OPENAI, limited),
                "spare", settings("spare", Vendor.ANTHROPIC, spare)), Map.of("intent", List.of("first", "spare")));

        RoleReply.Answered reply = assertInstanceOf(RoleReply.Answered.class, ask(models, in(Duration.ofSeconds(20))));

        assertEquals("from the spare", reply.text());
        assertEquals(1, limited.requestCount(), "a 120 s Retry-After cannot be honoured within 20 s");
        assertEquals(List.of(new Fallback("intent", "first", Fault.RATE_LIMITED, reply.fallbacks().get(0).detail(), "spare")),
                reply.fallbacks());
        assertEquals("intent: model first was rate-limited, using spare", reported.get(0).message("the rules"));
        assertEquals(1.0, registry.get("kurobe.llm.fallbacks").tags("role", "intent", "from", "first", "to", "spare").counter().count());
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        FakeVendorServer server = server(Vendor.OPENAI).always(status(400));
        RoleModels models = models(Map.of("m", settings("m", Vendor.OPENAI, server)), Map.of("intent", List.of("m")));

        RoleReply.Offline reply = assertInstanceOf(RoleReply.Offline.class, ask(models, in(Duration.ofSeconds(30))));

        assertEquals(1, server.requestCount());
        assertEquals(Fault.REJECTED, reply.fallbacks().get(0).fault());
        assertTrue(reply.fallbacks().get(0).toOffline());
        assertEquals("intent: model m refused the request, using the rules", reported.get(0).message("the rules"));
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void slowModelTimesOutAndTheNextOneAnswers(Vendor vendor) {
        FakeVendorServer slow = server(vendor).always(delayed(Duration.ofSeconds(5), answer("too late")));
        FakeVendorServer spare = server(Vendor.OLLAMA).always(answer("in time"));
        RoleModels models = models(Map.of(
                        "slow", settings("slow", vendor, slow).withTimeout(Duration.ofMillis(300)),
                        "spare", settings("spare", Vendor.OLLAMA, spare)),
                Map.of("intent", List.of("slow", "spare")));
        Instant deadline = in(Duration.ofSeconds(20));

        RoleReply.Answered reply = assertInstanceOf(RoleReply.Answered.class, ask(models, deadline));

        assertEquals("in time", reply.text());
        assertEquals(3, slow.requestCount(), "timeouts are retried up to the attempt limit");
        assertEquals(Fault.TIMED_OUT, reply.fallbacks().get(0).fault());
        assertEquals("intent: model slow timed out, using spare", reported.get(0).message("the rules"));
        assertTrue(Instant.now().isBefore(deadline));
    }

    @Test
    void theQuestionsDeadlineCapsTheModelsTimeout() {
        FakeVendorServer slow = server(Vendor.OPENAI).always(delayed(Duration.ofSeconds(30), answer("too late")));
        RoleModels models = models(Map.of("slow", settings("slow", Vendor.OPENAI, slow)), Map.of("intent", List.of("slow")));
        Instant deadline = in(Duration.ofMillis(2500));

        RoleReply.Offline reply = assertInstanceOf(RoleReply.Offline.class, ask(models, deadline));

        assertTrue(Instant.now().isBefore(deadline), "the 60 s model timeout gave way to the question's deadline");
        assertEquals(1, slow.requestCount());
        assertEquals(Fault.TIMED_OUT, reply.fallbacks().get(0).fault());
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void malformedJsonIsNotRetriedAndFallsBack(Vendor vendor) {
        FakeVendorServer broken = server(vendor).always(malformed());
        RoleModels models = models(Map.of("m", settings("m", vendor, broken)), Map.of("intent", List.of("m")));

        RoleReply.Offline reply = assertInstanceOf(RoleReply.Offline.class, ask(models, in(Duration.ofSeconds(30))));

        assertEquals(1, broken.requestCount());
        assertEquals(Fault.MALFORMED_RESPONSE, reply.fallbacks().get(0).fault());
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void connectionCutMidBodyIsRetried(Vendor vendor) {
        FakeVendorServer server = server(vendor).script(cutMidBody()).always(answer("whole"));
        RoleModels models = models(Map.of("m", settings("m", vendor, server)), Map.of("intent", List.of("m")));

        RoleReply.Answered reply = assertInstanceOf(RoleReply.Answered.class, ask(models, in(Duration.ofSeconds(30))));

        assertEquals("whole", reply.text());
        assertEquals(2, server.requestCount());
        assertEquals(1.0, registry.get("kurobe.llm.errors").tags("model", "m", "fault", "connection_cut").counter().count());
    }

    @Test
    void stoppedServerIsUnreachableAndTheRoleGoesOffline() {
        FakeVendorServer server = server(Vendor.OPENAI);
        ModelSettings settings = settings("m", Vendor.OPENAI, server);
        server.close();
        RoleModels models = models(Map.of("m", settings), Map.of("intent", List.of("m")));

        RoleReply.Offline reply = assertInstanceOf(RoleReply.Offline.class, ask(models, in(Duration.ofSeconds(30))));

        assertEquals(Fault.UNREACHABLE, reply.fallbacks().get(0).fault());
        assertEquals("no model of role intent answered", reply.reason());
    }

    @Test
    void breakerOpensAfterRepeatedFailuresSkipsTheModelThenLetsATrialThrough() {
        MutableClock clock = new MutableClock();
        FakeVendorServer failing = server(Vendor.OPENAI).always(status(500));
        FakeVendorServer spare = server(Vendor.OLLAMA).always(answer("spare"));
        LlmSettings settings = LlmSettings.of(Map.of("primary", settings("primary", Vendor.OPENAI, failing),
                        "spare", settings("spare", Vendor.OLLAMA, spare)), Map.of("intent", List.of("primary", "spare")))
                .with(new RetryPolicy(2, Duration.ZERO, Duration.ZERO), 4, Duration.ofSeconds(30), Duration.ZERO);
        RoleModels models = new RoleModels(settings, new LlmMetrics(registry), clock);
        Instant deadline = clock.instant().plus(Duration.ofMinutes(5));

        ask(models, deadline);
        ask(models, deadline);
        assertEquals(4, failing.requestCount());
        assertEquals(CircuitBreaker.State.OPEN, models.breakerState("primary"));

        RoleReply.Answered skipped = assertInstanceOf(RoleReply.Answered.class, ask(models, deadline));
        assertEquals(4, failing.requestCount(), "an open breaker sends nothing to the model");
        assertEquals(Fault.CIRCUIT_OPEN, skipped.fallbacks().get(0).fault());
        assertEquals("intent: model primary is paused after repeated failures, using spare",
                skipped.fallbacks().get(0).message("the rules"));

        clock.advance(Duration.ofSeconds(30));
        failing.always(answer("recovered"));
        RoleReply.Answered trial = assertInstanceOf(RoleReply.Answered.class, ask(models, deadline));
        assertEquals("recovered", trial.text());
        assertEquals(CircuitBreaker.State.CLOSED, models.breakerState("primary"));
    }

    @Test
    void roleWithoutModelIsOffline() {
        RoleModels models = models(Map.of(), Map.of());

        RoleReply.Offline reply = assertInstanceOf(RoleReply.Offline.class, ask(models, in(Duration.ofSeconds(30))));

        assertFalse(models.configured("intent"));
        assertEquals("no model is configured for role intent", reply.reason());
        assertEquals(1.0, registry.get("kurobe.llm.offline").tags("role", "intent", "reason", "no_model").counter().count());
    }

    @Test
    void roleNamingAnUnknownModelIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LlmSettings.of(Map.of(), Map.of("intent", List.of("ghost"))));
        assertTrue(e.getMessage().contains("kurobe.llm.models.ghost"), e.getMessage());
    }

    @Test
    void openAiCompatibleNeedsABaseUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSettings.of("xiyan", Provider.OPENAI_COMPATIBLE, null, "XiYanSQL-QwenCoder-7B-2504", null));
        assertTrue(e.getMessage().contains("kurobe.llm.models.xiyan.base-url"), e.getMessage());
    }

    private FakeVendorServer server(Vendor vendor) {
        FakeVendorServer server = FakeVendorServer.start(vendor);
        servers.add(server);
        return server;
    }

    private static ModelSettings settings(String name, Vendor vendor, FakeVendorServer server) {
        Provider provider = switch (vendor) {
            case OPENAI -> Provider.OPENAI_COMPATIBLE;
            case ANTHROPIC -> Provider.ANTHROPIC;
            case OLLAMA -> Provider.OLLAMA;
        };
        return ModelSettings.of(name, provider, server.baseUrl(), name + "-model", "sk-test-secret");
    }

    private RoleModels models(Map<String, ModelSettings> models, Map<String, List<String>> roles) {
        LlmSettings settings = LlmSettings.of(new LinkedHashMap<>(models), roles)
                .with(FAST_RETRY, 50, Duration.ofSeconds(30), Duration.ofMillis(100));
        return new RoleModels(settings, new LlmMetrics(registry), Clock.systemUTC());
    }

    private RoleReply ask(RoleModels models, Instant deadline) {
        return models.chat("intent", PROMPT, deadline, reported::add);
    }

    private static Instant in(Duration duration) {
        return Instant.now().plus(duration);
    }
}
