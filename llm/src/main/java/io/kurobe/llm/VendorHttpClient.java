package io.kurobe.llm;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP client under every LangChain4j model Kurobe builds. It differs from LangChain4j's JDK
 * client in two ways we need: each attempt's timeout is set by the caller (a question's deadline
 * shortens it), and a failure comes out classified, with the vendor's Retry-After kept.
 */
final class VendorHttpClient implements HttpClient {
    private static final ThreadLocal<Duration> ATTEMPT_TIMEOUT = new ThreadLocal<>();
    private static final int ERROR_TEXT_LIMIT = 300;

    private final java.net.http.HttpClient http;
    private final Duration defaultTimeout;

    private VendorHttpClient(Duration connectTimeout, Duration defaultTimeout) {
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        this.defaultTimeout = defaultTimeout;
    }

    /** Runs the action with every request it makes on this thread bounded by the timeout. */
    static <T> T withTimeout(Duration timeout, java.util.function.Supplier<T> action) {
        ATTEMPT_TIMEOUT.set(timeout);
        try {
            return action.get();
        } finally {
            ATTEMPT_TIMEOUT.remove();
        }
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        Duration timeout = Optional.ofNullable(ATTEMPT_TIMEOUT.get()).orElse(defaultTimeout);
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(timeout)
                .method(request.method().name(), request.body() == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        HttpResponse<String> response = send(builder.build(), timeout);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return SuccessfulHttpResponse.builder()
                    .statusCode(status)
                    .headers(response.headers().map())
                    .body(response.body())
                    .build();
        }
        throw failure(status, response);
    }

    /**
     * The request's own timeout ends at the response headers; the wait on the future also bounds a
     * body that trickles in or stalls.
     */
    private HttpResponse<String> send(java.net.http.HttpRequest request, Duration timeout) {
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new ModelCallException(Fault.TIMED_OUT, "no answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelCallException(Fault.TIMED_OUT, "interrupted while waiting for the model", e);
        } catch (ExecutionException e) {
            throw classify(e.getCause() == null ? e : e.getCause(), timeout);
        }
    }

    private static ModelCallException classify(Throwable failure, Duration timeout) {
        if (failure instanceof HttpConnectTimeoutException) {
            return new ModelCallException(Fault.UNREACHABLE, "no connection within the timeout", failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return new ModelCallException(Fault.TIMED_OUT, "no answer within " + timeout.toMillis() + " ms", failure);
        }
        if (failure instanceof ConnectException || failure instanceof UnresolvedAddressException
                || failure.getCause() instanceof ConnectException) {
            return new ModelCallException(Fault.UNREACHABLE, "cannot connect: " + failure, failure);
        }
        return new ModelCallException(Fault.CONNECTION_CUT, "the connection broke: " + failure, failure);
    }

    private static ModelCallException failure(int status, HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        String text = "HTTP " + status + ": " + (body.length() > ERROR_TEXT_LIMIT ? body.substring(0, ERROR_TEXT_LIMIT) + "…" : body);
        if (status == 429) {
            Duration wait = response.headers().firstValue("Retry-After").flatMap(VendorHttpClient::retryAfter).orElse(null);
            return new ModelCallException(Fault.RATE_LIMITED, status, wait, text, null);
        }
        if (status >= 500 || status == 408) {
            Duration wait = response.headers().firstValue("Retry-After").flatMap(VendorHttpClient::retryAfter).orElse(null);
            return new ModelCallException(Fault.SERVER_ERROR, status, wait, text, null);
        }
        return new ModelCallException(Fault.REJECTED, status, null, text, null);
    }

    /** Retry-After is either seconds or an HTTP date. */
    static Optional<Duration> retryAfter(String value) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(v) * 1000))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** Streaming is refused on purpose: every role reads one whole answer, bounded by the question's deadline. */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        listener.onError(new UnsupportedOperationException("Kurobe calls models without streaming: RoleModels builds"
                + " only non-streaming chat models, whose whole answer is read within the question's deadline"));
    }

    /** What LangChain4j's model builders take: they set the timeouts, we build the client. */
    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = ModelSettings.DEFAULT_TIMEOUT;

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            if (timeout != null) {
                connectTimeout = timeout;
            }
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            if (timeout != null) {
                readTimeout = timeout;
            }
            return this;
        }

        @Override
        public HttpClient build() {
            return new VendorHttpClient(connectTimeout, readTimeout);
        }
    }
}
