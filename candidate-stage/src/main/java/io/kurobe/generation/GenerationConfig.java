package io.kurobe.generation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

@ConfigMapping(prefix = "kurobe.generation")
public interface GenerationConfig {
    /** The generators that run, by name, in priority order (a tied vote goes to the earlier one). */
    @WithDefault("simple")
    List<String> enabled();

    /** The longest one generator may take (model calls and refine rounds included); the question's deadline caps it. */
    @WithDefault("60s")
    Duration timeout();

    /**
     * Prompt style of each model generator by name ({@code xiyan}, {@code xiyan-en}, {@code icl} or {@code icl-en});
     * unset means {@code icl} for the generator named {@code icl} and {@code xiyan} for any other.
     */
    Map<String, String> styles();

    /** The in-context-learning generators (prompt style {@code icl} or {@code icl-en}). */
    Icl icl();

    interface Icl {
        /** How many examples of the question's connection a prompt shows. */
        @WithDefault("4")
        int examples();

        /**
         * How much the masked question's similarity counts against the SQL skeleton's similarity to the offline
         * engine's draft (0 to 1); without a draft only the question counts.
         */
        @WithDefault("0.5")
        double questionWeight();
    }
}
