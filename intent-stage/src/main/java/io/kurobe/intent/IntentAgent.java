package io.kurobe.intent;

import io.kurobe.llm.LlmUsage;
import io.kurobe.llm.RoleModels;
import io.kurobe.llm.RoleReply;
import io.kurobe.model.IntentClass;
import io.kurobe.model.IntentValidated;
import io.kurobe.model.ModelUsage;
import io.kurobe.model.QuestionReceived;
import io.kurobe.stage.Decision;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * The Intent Validation Agent. The rules go first and are final when they refuse (empty,
 * oversized, a request to change data): no model can let such a question through. A question
 * the rules pass goes to the intent role's model, whose JSON must fit {@link IntentAnalysis};
 * without a model, when every model fails, or when the answer does not fit, the rules' result
 * stands and the answer says so. A decision after a model answered reports the call's tokens as its usage.
 */
@Singleton
public class IntentAgent {
    static final String ROLE = "intent";
    static final String OFFLINE = "the offline rules";

    private final IntentValidator rules;
    private final RoleModels models;
    private final IntentAnalysisReader reader;
    private final Clock clock;

    @Inject
    public IntentAgent(IntentValidator rules, RoleModels models, IntentConfig config) {
        this(rules, models, config.maxLength(), Clock.systemUTC());
    }

    public IntentAgent(IntentValidator rules, RoleModels models, int maxLength, Clock clock) {
        this.rules = rules;
        this.models = models;
        this.reader = new IntentAnalysisReader(maxLength);
        this.clock = clock;
    }

    /** Decides for one question; {@code progress} hears each fallback as it happens. */
    public Decision<IntentValidated> decide(QuestionReceived received, Consumer<String> progress) {
        Decision<IntentValidated> byRules = rules.validate(received);
        if (!(byRules instanceof Decision.Forward<IntentValidated> passed)) {
            return byRules;
        }
        RoleReply reply = models.chat(ROLE, IntentPrompt.of(received), received.envelope().deadline(),
                fallback -> progress.accept(fallback.message(OFFLINE)));
        if (reply instanceof RoleReply.Offline offline) {
            return offline(passed, offline.reason());
        }
        RoleReply.Answered answered = (RoleReply.Answered) reply;
        LlmUsage usage = answered.usage();
        return judge(received, passed, answered.text(), usage, progress)
                .withUsage(ModelUsage.call(ROLE, usage.inputTokens(), usage.outputTokens()));
    }

    private Decision<IntentValidated> judge(QuestionReceived received, Decision.Forward<IntentValidated> passed,
                                            String answer, LlmUsage usage, Consumer<String> progress) {
        IntentAnalysis analysis;
        try {
            analysis = reader.read(answer);
        } catch (IntentAnalysisReader.InvalidAnalysis e) {
            progress.accept(ROLE + ": model " + usage.model() + " answered outside the intent schema ("
                    + e.getMessage() + "), using " + OFFLINE);
            return offline(passed, "model " + usage.model() + "'s answer did not fit the schema");
        }
        return decide(received, passed, analysis, usage, progress);
    }

    private Decision<IntentValidated> decide(QuestionReceived received, Decision.Forward<IntentValidated> passed,
                                             IntentAnalysis analysis, LlmUsage usage, Consumer<String> progress) {
        String by = " (model " + usage.summary() + ")";
        switch (analysis.intent()) {
            case DATA_CHANGE:
                return Decision.fail("DATA_CHANGE", "Kurobe only reads data: the question asks to change the "
                        + "database" + by + ". Ask a question about the data instead.");
            case OUT_OF_SCOPE:
                return Decision.fail("OUT_OF_SCOPE", "Kurobe answers questions about the data of your connections; "
                        + "this does not read as one" + by + ". Ask about the data instead.");
            case NEEDS_CLARIFICATION:
                return Decision.clarify(analysis.clarification());
            default:
                break;
        }
        if (DataChangeRequest.find(analysis.standaloneQuestion()).isPresent()) {
            progress.accept(ROLE + ": model " + usage.model() + " rewrote the question into a data change, using "
                    + OFFLINE);
            return offline(passed, "model " + usage.model() + "'s rewrite was refused");
        }
        IntentValidated validated = new IntentValidated(received.envelope().next(clock.instant()), received.question(),
                analysis.standaloneQuestion(), IntentClass.ANSWERABLE, analysis.entities(), analysis.timeRange(),
                null, received.options());
        return Decision.forward(validated, "answerable" + by);
    }

    private static Decision<IntentValidated> offline(Decision.Forward<IntentValidated> passed, String reason) {
        return Decision.forward(passed.event(), "answerable, by " + OFFLINE + " (offline: " + reason + ")");
    }
}
