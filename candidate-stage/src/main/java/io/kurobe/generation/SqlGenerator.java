package io.kurobe.generation;

/** One way to write SQL for a question: a strategy found as a CDI bean and enabled by name. */
public interface SqlGenerator {
    /** The name that enables it in {@code kurobe.generation.enabled} and that its candidates carry. */
    String name();

    /** SQL for the question, or the reason this generator has none. */
    Generated generate(GenerationRequest request);
}
