package io.kurobe.linking;

import io.kurobe.data.SchemaSnapshot;
import io.kurobe.llm.LlmUsage;
import io.kurobe.llm.RoleModels;
import io.kurobe.llm.RoleReply;
import io.kurobe.model.MatchedValue;
import io.kurobe.model.ModelUsage;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * XiYan's schema filter: when a model is configured for role {@code schema-filter}, it is shown the question, the
 * values it says and the retrieval's M-Schema, and chooses the tables and columns the SQL needs
 * ({@link ColumnChoice}); linking then adds keys and the foreign-key paths between the chosen tables
 * ({@link LinkingPolicy#narrow}). Without a model the retrieval's result stands as it is; when every model fails, or
 * the answer is not JSON of the asked shape or names nothing of the schema, it stands too and a progress message
 * says why. Usage is reported whenever a model answered.
 */
final class SchemaFilter {
    static final String ROLE = "schema-filter";
    static final String FALLBACK = "the retrieval's tables";

    /** The linking to pass on, what the DONE message adds about the filter, and the model's usage (or null). */
    record Filtered(LinkingPolicy.Linking linking, String note, ModelUsage usage) {
    }

    private final RoleModels models;
    private final LinkingPolicy policy;

    /** @param models the role models, or null where the stage has none (plain unit tests) */
    SchemaFilter(RoleModels models, LinkingPolicy policy) {
        this.models = models;
        this.policy = policy;
    }

    boolean configured() {
        return models != null && models.configured(ROLE);
    }

    Filtered filter(SchemaSnapshot snapshot, LinkingPolicy.Linking retrieved, String question,
                    List<MatchedValue> values, Instant deadline, Consumer<String> progress) {
        if (!configured()) {
            return new Filtered(retrieved, "", null);
        }
        RoleReply reply = models.chat(ROLE, SchemaFilterPrompt.of(question, retrieved.mschema(), values), deadline,
                fallback -> progress.accept(fallback.message(FALLBACK)));
        if (reply instanceof RoleReply.Offline offline) {
            return new Filtered(retrieved, " (" + ROLE + " offline: " + offline.reason() + ")", null);
        }
        RoleReply.Answered answered = (RoleReply.Answered) reply;
        LlmUsage usage = answered.usage();
        ModelUsage cost = ModelUsage.call(ROLE, usage.inputTokens(), usage.outputTokens());
        ColumnChoice choice;
        try {
            choice = ColumnChoice.read(answered.text(), snapshot, retrieved.tables());
        } catch (ColumnChoice.InvalidChoice e) {
            progress.accept(ROLE + ": model " + usage.model() + " " + e.getMessage() + ", using " + FALLBACK);
            return new Filtered(retrieved, " (" + ROLE + ": model " + usage.model() + "'s answer was not used: "
                    + e.getMessage() + ")", cost);
        }
        LinkingPolicy.Linking narrowed = policy.narrow(snapshot, retrieved, choice.columns(), values);
        String dropped = choice.dropped().isEmpty() ? "" : "; unknown names dropped: "
                + String.join(", ", choice.dropped().subList(0, Math.min(5, choice.dropped().size())))
                + (choice.dropped().size() > 5 ? " and " + (choice.dropped().size() - 5) + " more" : "");
        return new Filtered(narrowed, " (chosen by " + ROLE + " model " + usage.summary() + ", among "
                + retrieved.tables().size() + " tables retrieved" + dropped + ")", cost);
    }
}
