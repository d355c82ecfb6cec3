package io.kurobe.generation.llm;

import io.kurobe.generation.GenerationRequest;

/** Where an ICL generator's examples come from: the examples of the request's connection nearest its question. */
@FunctionalInterface
public interface ExampleSource {
    FewShot choose(GenerationRequest request);
}
