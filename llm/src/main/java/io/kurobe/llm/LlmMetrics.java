package io.kurobe.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/** Micrometer meters of every model call, tagged by model and role. */
public final class LlmMetrics {
    private final MeterRegistry registry;

    public LlmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void attempt(String model, String role, String outcome, Duration latency) {
        Timer.builder("kurobe.llm.latency")
                .description("time of one attempt at a model")
                .tag("model", model).tag("role", role).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(latency);
    }

    void tokens(String model, String role, long in, long out) {
        counter("kurobe.llm.tokens", "tokens sent to and received from a model", model, role, "direction", "in").increment(in);
        counter("kurobe.llm.tokens", "tokens sent to and received from a model", model, role, "direction", "out").increment(out);
    }

    void error(String model, String role, Fault fault) {
        counter("kurobe.llm.errors", "failed attempts at a model", model, role, "fault", fault.tag()).increment();
    }

    void retry(String model, String role, Fault fault) {
        counter("kurobe.llm.retries", "attempts repeated on the same model", model, role, "fault", fault.tag()).increment();
    }

    void fallback(Fallback fallback) {
        Counter.builder("kurobe.llm.fallbacks")
                .description("role calls moved on from a failed model")
                .tag("role", fallback.role()).tag("from", fallback.from())
                .tag("to", fallback.to() == null ? "offline" : fallback.to())
                .tag("fault", fallback.fault().tag())
                .register(registry)
                .increment();
    }

    void offline(String role, String reason) {
        Counter.builder("kurobe.llm.offline")
                .description("role calls answered by the offline path")
                .tag("role", role).tag("reason", reason)
                .register(registry)
                .increment();
    }

    private Counter counter(String name, String description, String model, String role, String key, String value) {
        return Counter.builder(name).description(description)
                .tag("model", model).tag("role", role).tag(key, value)
                .register(registry);
    }
}
