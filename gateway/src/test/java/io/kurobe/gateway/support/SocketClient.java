package io.kurobe.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.kurobe.model.EventJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client on java.net.http that collects a question's stream. */
public final class SocketClient implements WebSocket.Listener {
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Connects with the key in the Authorization header. */
    public static SocketClient connect(URI uri, String key) {
        SocketClient client = new SocketClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + key)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, client).join();
        return client;
    }

    /** Connects as a browser would: the key as the subprotocol bearer.<key> beside kurobe.v1. */
    public static SocketClient connectAsBrowser(URI uri, String key) {
        SocketClient client = new SocketClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("kurobe.v1", "bearer." + key)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, client).join();
        return client;
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** The next message, or an AssertionError after the timeout. */
    public JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return message;
    }

    /** Every message until the server closes the socket; returns them and checks the close came. */
    public List<JsonNode> untilClosed(Duration timeout) throws Exception {
        int code = closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (code != WebSocket.NORMAL_CLOSURE) {
            throw new AssertionError("closed with " + code);
        }
        List<JsonNode> all = new ArrayList<>();
        messages.drainTo(all);
        return all;
    }

    /** Sends a text message to the server. */
    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(EventJson.mapper().readTree(partial.toString()));
            } catch (Exception e) {
                closed.completeExceptionally(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** "STAGE STATUS" of a progress message, or "answer". */
    public static String describe(JsonNode message) {
        if ("answer".equals(message.path("type").asText())) {
            return "answer";
        }
        return message.path("event").path("stage").asText() + " " + message.path("event").path("status").asText();
    }
}
