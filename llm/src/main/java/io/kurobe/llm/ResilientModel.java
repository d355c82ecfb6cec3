package io.kurobe.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One configured model behind its circuit breaker: each attempt bounded by the model's timeout
 * and the question's deadline, repeated with backoff on faults that may pass (429, 5xx,
 * timeouts, cut connections), never past the deadline.
 */
final class ResilientModel {
    private static final Logger LOG = Logger.getLogger(ResilientModel.class);

    /** The result of calling this model: its answer, or the last fault that made it give up. */
    sealed interface Outcome {
        record Answer(String text, LlmUsage usage) implements Outcome {
        }

        record Failed(ModelCallException fault) implements Outcome {
        }
    }

    private final ModelSettings settings;
    private final ChatModel model;
    private final CircuitBreaker breaker;
    private final RetryPolicy retry;
    private final Duration minAttempt;
    private final LlmMetrics metrics;
    private final Clock clock;

    ResilientModel(ModelSettings settings, ChatModel model, CircuitBreaker breaker, RetryPolicy retry,
                   Duration minAttempt, LlmMetrics metrics, Clock clock) {
        this.settings = settings;
        this.model = model;
        this.breaker = breaker;
        this.retry = retry;
        this.minAttempt = minAttempt;
        this.metrics = metrics;
        this.clock = clock;
    }

    String name() {
        return settings.name();
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** Calls the model; {@code until} is the instant by which the call must have ended. */
    Outcome call(String role, Prompt prompt, Instant until) {
        Instant began = clock.instant();
        ModelCallException last = null;
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.between(clock.instant(), until);
            if (left.compareTo(minAttempt) < 0) {
                return last != null ? new Outcome.Failed(last) : failed(role, new ModelCallException(Fault.NO_TIME_LEFT,
                        "only " + Math.max(0, left.toMillis()) + " ms left before the deadline", null));
            }
            if (!breaker.tryAcquire()) {
                return last != null ? new Outcome.Failed(last)
                        : failed(role, new ModelCallException(Fault.CIRCUIT_OPEN, "circuit breaker open", null));
            }
            Duration timeout = left.compareTo(settings.timeout()) < 0 ? left : settings.timeout();
            Instant start = clock.instant();
            try {
                ChatResponse response = VendorHttpClient.withTimeout(timeout, () -> model.chat(request(prompt, settings.provider())));
                String text = response.aiMessage() == null ? null : response.aiMessage().text();
                if (text == null || text.isBlank()) {
                    throw new ModelCallException(Fault.MALFORMED_RESPONSE, "the answer holds no text", null);
                }
                breaker.onSuccess();
                Duration latency = Duration.between(start, clock.instant());
                metrics.attempt(name(), role, "ok", latency);
                TokenUsage tokens = response.tokenUsage();
                long in = tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount();
                long out = tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount();
                metrics.tokens(name(), role, in, out);
                return new Outcome.Answer(text, new LlmUsage(role, name(), in, out,
                        Duration.between(began, clock.instant()).toMillis(), attempt));
            } catch (RuntimeException e) {
                ModelCallException fault = ModelCallException.classify(e);
                last = fault;
                breaker.onFailure();
                metrics.attempt(name(), role, fault.fault().tag(), Duration.between(start, clock.instant()));
                metrics.error(name(), role, fault.fault());
                LOG.warnf("%s: model %s attempt %d: %s (%s)", role, name(), attempt, fault.fault().describes(),
                        redacted(fault.getMessage()));
                if (!fault.fault().retryable() || attempt >= retry.maxAttempts()) {
                    return new Outcome.Failed(fault);
                }
                Duration wait = retry.backoff(attempt, fault.retryAfter(), ThreadLocalRandom.current());
                if (clock.instant().plus(wait).plus(minAttempt).isAfter(until)) {
                    return new Outcome.Failed(fault);
                }
                metrics.retry(name(), role, fault.fault());
                if (!sleep(wait)) {
                    return new Outcome.Failed(fault);
                }
            }
        }
    }

    /** A vendor may echo the key in an error text; no log line carries it. */
    private String redacted(String text) {
        String key = settings.apiKey();
        return text == null || key == null || key.isBlank() ? text : text.replace(key, "[api key]");
    }

    private Outcome failed(String role, ModelCallException fault) {
        metrics.error(name(), role, fault.fault());
        return new Outcome.Failed(fault);
    }

    private static ChatRequest request(Prompt prompt, Provider provider) {
        List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>();
        if (!prompt.system().isBlank()) {
            messages.add(SystemMessage.from(prompt.system()));
        }
        messages.add(UserMessage.from(prompt.user()));
        ChatRequest.Builder request = ChatRequest.builder().messages(messages);
        if (prompt.json() && provider != Provider.ANTHROPIC) {
            request.responseFormat(ResponseFormat.JSON);
        }
        return request.build();
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
