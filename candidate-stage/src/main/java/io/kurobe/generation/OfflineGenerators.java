package io.kurobe.generation;

import io.kurobe.generation.offline.OfflineEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The generators that need no model, by name, for running the hub outside the service (the evaluation command). */
public final class OfflineGenerators {
    /** What the evaluation runs by default: the offline engine (simple answers a subset of what it answers, and a split vote between them favours neither). */
    public static final List<String> DEFAULT = List.of(OfflineEngine.NAME);

    private static final Map<String, Supplier<SqlGenerator>> ALL = Map.of(
            OfflineEngine.NAME, OfflineEngine::new,
            SimpleGenerator.NAME, SimpleGenerator::new);

    private OfflineGenerators() {
    }

    public static List<SqlGenerator> named(List<String> names) {
        List<SqlGenerator> out = new ArrayList<>();
        for (String name : names) {
            Supplier<SqlGenerator> generator = ALL.get(name.strip());
            if (generator == null) {
                throw new IllegalArgumentException("no offline generator named '" + name.strip() + "'; offline generators: "
                        + String.join(", ", ALL.keySet()));
            }
            out.add(generator.get());
        }
        return out;
    }
}
