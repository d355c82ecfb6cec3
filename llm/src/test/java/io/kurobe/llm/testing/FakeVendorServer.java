package io.kurobe.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local server speaking one LLM vendor's chat API (OpenAI chat completions, Anthropic messages,
 * Ollama chat) with scripted replies and injected faults: an error status, 429 with Retry-After,
 * a delay past the caller's timeout, a body that is not JSON, a connection cut mid-body.
 * Scripted replies are used first, in order; then the standing responder answers.
 */
public final class FakeVendorServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Vendor {
        OPENAI("/v1/chat/completions", "/v1"),
        ANTHROPIC("/v1/messages", "/v1/"),
        OLLAMA("/api/chat", "");

        private final String path;
        private final String basePath;

        Vendor(String path, String basePath) {
            this.path = path;
            this.basePath = basePath;
        }
    }

    /** What the server does with one request. */
    public sealed interface Reply {
    }

    public record Answer(String text, int inputTokens, int outputTokens) implements Reply {
    }

    public record Status(int code, String body, String retryAfter) implements Reply {
    }

    public record Delayed(Duration delay, Reply then) implements Reply {
    }

    public record Malformed() implements Reply {
    }

    public record CutMidBody() implements Reply {
    }

    public static Reply answer(String text) {
        return new Answer(text, 42, 7);
    }

    public static Reply answer(String text, int inputTokens, int outputTokens) {
        return new Answer(text, inputTokens, outputTokens);
    }

    public static Reply status(int code) {
        return new Status(code, "{\"error\":{\"message\":\"injected " + code + "\"}}", null);
    }

    public static Reply rateLimited(String retryAfter) {
        return new Status(429, "{\"error\":{\"message\":\"rate limited\"}}", retryAfter);
    }

    public static Reply delayed(Duration delay, Reply then) {
        return new Delayed(delay, then);
    }

    public static Reply malformed() {
        return new Malformed();
    }

    public static Reply cutMidBody() {
        return new CutMidBody();
    }

    private final Vendor vendor;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-vendor");
        t.setDaemon(true);
        return t;
    });
    private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<JsonNode, Reply> responder = request -> answer("ok");

    private FakeVendorServer(Vendor vendor) throws IOException {
        this.vendor = vendor;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeVendorServer start(Vendor vendor) {
        try {
            return new FakeVendorServer(vendor);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake " + vendor + " server", e);
        }
    }

    /** The base URL to configure, as the vendor's client expects it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + vendor.basePath;
    }

    /**
     * The settings that make {@code role} call this server as the openai-compatible model {@code name}
     * ({@code model} is the id it sends), with short retry waits and a breaker that never opens, for tests.
     */
    public Map<String, String> roleConfig(String name, String model, String role) {
        String prefix = "kurobe.llm.models." + name + ".";
        return Map.of(
                prefix + "provider", "openai-compatible",
                prefix + "base-url", baseUrl(),
                prefix + "model", model,
                prefix + "timeout", "5s",
                "kurobe.llm.roles." + role, name,
                "kurobe.llm.retry.initial-backoff", "10ms",
                "kurobe.llm.retry.max-backoff", "50ms",
                "kurobe.llm.breaker.failure-threshold", "1000");
    }

    /** Replies for the next requests, in order, before the standing responder takes over. */
    public FakeVendorServer script(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The reply to every request once the script is used up. */
    public FakeVendorServer always(Reply reply) {
        return respond(request -> reply);
    }

    /** Replies computed from the request body (the vendor's JSON), once the script is used up. */
    public FakeVendorServer respond(Function<JsonNode, Reply> replies) {
        this.responder = replies;
        return this;
    }

    public int requestCount() {
        return requests.size();
    }

    /** The request bodies received, oldest first. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The credential header of each request (Authorization or x-api-key), oldest first. */
    public List<String> credentials() {
        return List.copyOf(authorizations);
    }

    /** The text of the last user message of a request, whatever the vendor's shape. */
    public static String userText(JsonNode request) {
        JsonNode messages = request.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        JsonNode content = last.path("content");
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(part -> text.append(part.path("text").asText()));
            return text.toString();
        }
        return content.asText();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestURI().getPath().equals(vendor.path)) {
                send(exchange, 404, "{\"error\":\"no such path " + exchange.getRequestURI().getPath() + "\"}");
                return;
            }
            JsonNode request = JSON.readTree(body);
            requests.add(request);
            String credential = exchange.getRequestHeaders().getFirst(vendor == Vendor.ANTHROPIC ? "x-api-key" : "Authorization");
            authorizations.add(credential == null ? "" : credential);
            Reply reply = script.poll();
            reply(exchange, request, reply != null ? reply : responder.apply(request));
            exchange.close();
        } catch (IOException e) {
            // the client gave up (it timed out) before the reply was written
            exchange.close();
        }
    }

    private void reply(HttpExchange exchange, JsonNode request, Reply reply) throws IOException {
        if (reply instanceof Answer answer) {
            send(exchange, 200, JSON.writeValueAsString(answerBody(request, answer)));
        } else if (reply instanceof Status status) {
            if (status.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", status.retryAfter());
            }
            send(exchange, status.code(), status.body());
        } else if (reply instanceof Delayed delayed) {
            sleep(delayed.delay());
            reply(exchange, request, delayed.then());
        } else if (reply instanceof Malformed) {
            send(exchange, 200, "{\"choices\": [ this is not json");
        } else if (reply instanceof CutMidBody) {
            byte[] full = JSON.writeValueAsBytes(answerBody(request, new Answer("cut", 1, 1)));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, full.length);
            OutputStream out = exchange.getResponseBody();
            out.write(full, 0, full.length / 2);
            out.flush();
            throw new CutConnection();
        }
    }

    /** Thrown out of the handler: the JDK server then closes the connection with the body half sent. */
    private static final class CutConnection extends RuntimeException {
        CutConnection() {
            super("connection cut on purpose", null, false, false);
        }
    }

    private ObjectNode answerBody(JsonNode request, Answer answer) {
        String model = request.path("model").asText("fake-model");
        ObjectNode body = JSON.createObjectNode();
        switch (vendor) {
            case OPENAI -> {
                body.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1700000000L)
                        .put("model", model);
                ObjectNode choice = body.putArray("choices").addObject();
                choice.put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", answer.text());
                body.putObject("usage").put("prompt_tokens", answer.inputTokens())
                        .put("completion_tokens", answer.outputTokens())
                        .put("total_tokens", answer.inputTokens() + answer.outputTokens());
            }
            case ANTHROPIC -> {
                body.put("id", "msg_fake").put("type", "message").put("role", "assistant").put("model", model)
                        .put("stop_reason", "end_turn").putNull("stop_sequence");
                ArrayNode content = body.putArray("content");
                content.addObject().put("type", "text").put("text", answer.text());
                body.putObject("usage").put("input_tokens", answer.inputTokens())
                        .put("output_tokens", answer.outputTokens());
            }
            case OLLAMA -> {
                body.put("model", model).put("created_at", "2026-01-01T00:00:00Z").put("done", true)
                        .put("done_reason", "stop")
                        .put("prompt_eval_count", answer.inputTokens()).put("eval_count", answer.outputTokens());
                body.putObject("message").put("role", "assistant").put("content", answer.text());
            }
        }
        return body;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
