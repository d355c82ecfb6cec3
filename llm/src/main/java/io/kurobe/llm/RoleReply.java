package io.kurobe.llm;

import java.util.List;

/** The end of one role call: a model's text, or the instruction to use the offline path, with every fallback on the way. */
public sealed interface RoleReply {
    List<Fallback> fallbacks();

    record Answered(String text, LlmUsage usage, List<Fallback> fallbacks) implements RoleReply {
        public Answered {
            fallbacks = List.copyOf(fallbacks);
        }
    }

    /** No model answered; {@code reason} says why ("no model is configured for role intent"). */
    record Offline(String reason, List<Fallback> fallbacks) implements RoleReply {
        public Offline {
            fallbacks = List.copyOf(fallbacks);
        }
    }
}
