package io.kurobe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The gateway's REST API and WebSocket as a client sees them. */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String apiKey;

    Api(String base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** Asks a question of the demo connection; returns the question id. */
    String ask(String question) throws IOException, InterruptedException {
        return ask(question, "demo");
    }

    /** Asks a question of a configured or stored connection; returns the question id. */
    String ask(String question, String connectionId) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("question", question).put("connectionId", connectionId).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/questions"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new AssertionError("POST /api/questions gave " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asText();
    }

    /** Asks a follow-up in a conversation; returns the 202's body (id, status, conversationId). */
    JsonNode ask(String question, String connectionId, String conversationId) throws IOException, InterruptedException {
        return post("/api/questions", JSON.createObjectNode().put("question", question)
                .put("connectionId", connectionId).put("conversationId", conversationId), 202);
    }

    /** POSTs a JSON body (null for none) and returns the answer, which must have the expected status. */
    JsonNode post(String path, JsonNode body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError("POST " + path + " gave " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    JsonNode question(String id) throws IOException, InterruptedException {
        return get("/api/questions/" + id, 200);
    }

    /** GETs a path and returns the answer, which must have the expected status. */
    JsonNode get(String path, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError("GET " + path + " gave " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Polls until the question ends (DONE or FAILED) and returns it. */
    JsonNode awaitEnd(String id, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode q = question(id);
        while (System.nanoTime() < end) {
            String status = q.path("status").asText();
            if (status.equals("DONE") || status.equals("FAILED")) {
                return q;
            }
            Thread.sleep(200);
            q = question(id);
        }
        throw new AssertionError("question " + id + " did not end within " + timeout.toSeconds() + " s: " + q);
    }

    /** Opens the question's WebSocket for a conversation over it: read messages one by one, send answers. */
    Socket open(String id) throws Exception {
        Socket socket = new Socket();
        String ws = base.replaceFirst("^http", "ws") + "/ws/questions/" + id;
        socket.socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + apiKey)
                .buildAsync(URI.create(ws), socket).get(10, TimeUnit.SECONDS);
        return socket;
    }

    /** One open socket: messages in arrival order, and whether the server closed it. */
    static final class Socket implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private WebSocket socket;

        /** The next message, or an AssertionError naming the timeout. */
        JsonNode next(Duration timeout) throws InterruptedException {
            JsonNode message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no socket message within " + timeout.toSeconds() + " s");
            }
            return message;
        }

        /** Messages until the next one that satisfies the test, that one included. */
        List<JsonNode> until(Predicate<JsonNode> last, Duration timeout) throws InterruptedException {
            List<JsonNode> read = new ArrayList<>();
            long end = System.nanoTime() + timeout.toNanos();
            while (read.isEmpty() || !last.test(read.get(read.size() - 1))) {
                read.add(next(Duration.ofNanos(Math.max(1, end - System.nanoTime()))));
            }
            return read;
        }

        void send(JsonNode message) {
            socket.sendText(message.toString(), true).join();
        }

        /** Every message left once the server closed the socket. */
        List<JsonNode> untilClosed(Duration timeout) throws Exception {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<JsonNode> rest = new ArrayList<>();
            messages.drainTo(rest);
            return rest;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean lastPart) {
            text.append(data);
            if (lastPart) {
                try {
                    messages.add(JSON.readTree(text.toString()));
                } catch (IOException e) {
                    closed.completeExceptionally(e);
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int status, String reason) {
            closed.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    /** Reads the question's WebSocket stream until the server closes it. */
    List<JsonNode> stream(String id, Duration timeout) throws Exception {
        List<JsonNode> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        String ws = base.replaceFirst("^http", "ws") + "/ws/questions/" + id;
        http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + apiKey)
                .buildAsync(URI.create(ws), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                messages.add(JSON.readTree(text.toString()));
                            } catch (IOException e) {
                                closed.completeExceptionally(e);
                            }
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                        closed.complete(null);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return messages;
    }
}
