package io.kurobe.generation.icl;

import io.kurobe.generation.GenerationConfig;
import io.kurobe.generation.GenerationRequest;
import io.kurobe.generation.Generated;
import io.kurobe.generation.llm.ExampleSource;
import io.kurobe.generation.llm.FewShot;
import io.kurobe.generation.offline.OfflineEngine;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Chooses an ICL prompt's examples: the {@code kurobe.generation.icl.examples} examples of the question's tenant
 * and connection nearest it, by masked question and, when the offline engine answers the question, by the
 * skeleton of its SQL (the draft). A connection without examples gets none, and the ICL generator declines.
 */
@Singleton
public class IclExamples implements ExampleSource {
    private static final Logger LOG = Logger.getLogger(IclExamples.class);

    private final ExampleStore store;
    private final int count;
    private final double questionWeight;
    private final OfflineEngine drafter = new OfflineEngine();

    @Inject
    public IclExamples(ExampleStore store, GenerationConfig config) {
        this(store, config.icl().examples(), config.icl().questionWeight());
    }

    public IclExamples(ExampleStore store, int count, double questionWeight) {
        if (count < 1) {
            throw new IllegalStateException("kurobe.generation.icl.examples must be at least 1, not " + count);
        }
        if (questionWeight < 0 || questionWeight > 1) {
            throw new IllegalStateException("kurobe.generation.icl.question-weight must be between 0 and 1, not "
                    + questionWeight);
        }
        this.store = store;
        this.count = count;
        this.questionWeight = questionWeight;
    }

    @Override
    public FewShot choose(GenerationRequest request) {
        if (request.tenantId() == null || request.connectionId() == null) {
            return FewShot.declined("the question names no connection, and examples are kept per connection");
        }
        if (store.count(request.tenantId(), request.connectionId()) == 0) {
            return FewShot.declined("no examples for connection " + request.connectionId() + " yet"
                    + (store.caughtUp() ? "" : " (the examples topic is still being read)")
                    + "; confirm answers or load examples");
        }
        List<ExampleStore.Ranked> nearest = store.nearest(request.tenantId(), request.connectionId(),
                request.question(), request.values(), draft(request), count, questionWeight);
        if (nearest.isEmpty()) {
            return FewShot.declined("no examples for connection " + request.connectionId()
                    + " yet; confirm answers or load examples");
        }
        return FewShot.of(nearest.stream()
                .map(r -> new FewShot.Shot(r.example().question(), r.example().sql())).toList());
    }

    /** The offline engine's SQL for the question, or null when it declines (or cannot read the schema). */
    String draft(GenerationRequest request) {
        if (request.schema() == null) {
            return null;
        }
        try {
            Generated generated = drafter.generate(request);
            return generated.sql().orElse(null);
        } catch (RuntimeException e) {
            LOG.debugf(e, "no draft SQL for ranking examples");
            return null;
        }
    }
}
