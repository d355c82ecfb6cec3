package io.kurobe.generation.refine;

import io.kurobe.llm.LlmUsage;
import io.kurobe.model.Candidate;
import io.kurobe.model.RefineRound;

import java.util.List;
import java.util.Optional;

/**
 * What a model generator ended with: its candidate (the last SQL it wrote, its refine rounds and how it ran), or
 * why it has none; every refine round and each call's usage.
 */
public record Refined(Optional<Candidate> candidate, String reason, List<RefineRound> rounds, List<LlmUsage> usage) {
    public Refined {
        rounds = List.copyOf(rounds);
        usage = List.copyOf(usage);
    }
}
