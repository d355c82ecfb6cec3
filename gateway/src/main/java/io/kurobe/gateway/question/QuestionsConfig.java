package io.kurobe.gateway.question;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits on what may be asked, and how long the pipeline has to answer. */
@ConfigMapping(prefix = "kurobe.questions")
public interface QuestionsConfig {
    /** How long after asking the stages may still work on a question. */
    @WithDefault("2m")
    Duration deadline();

    @WithDefault("2000")
    int maxLength();

    /** How many earlier questions of the conversation travel with a follow-up. */
    @WithDefault("10")
    int historyTurns();

    /** The most questions GET /api/questions lists. */
    @WithDefault("50")
    int listLimit();
}
