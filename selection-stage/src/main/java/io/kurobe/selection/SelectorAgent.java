package io.kurobe.selection;

import io.kurobe.llm.LlmUsage;
import io.kurobe.llm.RoleModels;
import io.kurobe.llm.RoleReply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Candidate Selection Agent's model: asked only when the rules leave candidates split and a {@code selector}
 * role has a model. It sees one candidate per distinct result and must name exactly one of them (by label, or by
 * quoting its SQL); any other answer, a failed call or no model leaves the decision to the rules.
 */
public final class SelectorAgent {
    static final String ROLE = "selector";
    static final String RULES = "the selection rules";

    private static final Pattern LABEL = Pattern.compile("(?i)\\bcandidate\\s*([A-Z])\\b");
    private static final Pattern BARE = Pattern.compile("(?i)^\\W*([A-Z])\\W*$");
    private static final Pattern FENCED = Pattern.compile("```[a-zA-Z]*\\s*(.*?)```", Pattern.DOTALL);

    private final RoleModels models;

    public SelectorAgent(RoleModels models) {
        this.models = models;
    }

    /** The model's pick among the attempts: the index of the chosen one, which model chose and why. */
    public record Verdict(int index, String label, LlmUsage usage) {
    }

    /**
     * What asking the selector gave: its verdict, when it named an offered candidate, and what the call cost,
     * whenever a model answered — an answer that names no candidate still spent its tokens.
     */
    public record Consultation(Optional<Verdict> verdict, Optional<LlmUsage> usage) {
        static final Consultation NONE = new Consultation(Optional.empty(), Optional.empty());
    }

    public boolean configured() {
        return models != null && models.configured(ROLE);
    }

    /**
     * Offers one attempt per distinct result; when there is only one (all agree) nothing is asked. Fallbacks and
     * an answer naming no offered candidate are told to {@code progress}.
     */
    public Consultation choose(String question, String dialect, String mschema, List<Attempt> attempts,
                               Instant deadline, Consumer<String> progress) {
        if (!configured()) {
            return Consultation.NONE;
        }
        List<Integer> offered = distinct(attempts);
        if (offered.size() < 2) {
            return Consultation.NONE;
        }
        List<Attempt> shown = offered.stream().map(attempts::get).toList();
        RoleReply reply = models.chat(ROLE, SelectionPrompt.of(question, dialect, mschema, shown), deadline,
                fallback -> progress.accept(fallback.message(RULES)));
        if (!(reply instanceof RoleReply.Answered answered)) {
            return Consultation.NONE;
        }
        Optional<Integer> pick = read(answered.text(), shown);
        if (pick.isEmpty()) {
            progress.accept(ROLE + ": model " + answered.usage().model() + " named none of the " + shown.size()
                    + " offered candidates, using " + RULES);
            return new Consultation(Optional.empty(), Optional.of(answered.usage()));
        }
        return new Consultation(Optional.of(new Verdict(offered.get(pick.get()), SelectionPrompt.label(pick.get()),
                answered.usage())), Optional.of(answered.usage()));
    }

    /** The first attempt of each distinct result, in input order; failed attempts are not offered. */
    static List<Integer> distinct(List<Attempt> attempts) {
        List<Integer> firsts = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            if (!a.ok()) {
                continue;
            }
            List<List<Object>> rows = ResultValues.normalize(a.rows());
            boolean seen = firsts.stream().map(attempts::get).anyMatch(b ->
                    ResultSelector.agreement(a, rows, b, ResultValues.normalize(b.rows())) >= ResultSelector.EXACT);
            if (!seen) {
                firsts.add(i);
            }
        }
        return firsts;
    }

    /** The one offered candidate the answer names, by label or by its SQL; none or several is no answer. */
    static Optional<Integer> read(String answer, List<Attempt> offered) {
        String text = answer == null ? "" : answer.strip();
        Set<Integer> named = new LinkedHashSet<>();
        Matcher bare = BARE.matcher(text);
        if (bare.matches()) {
            named.add(bare.group(1).toUpperCase(Locale.ROOT).charAt(0) - 'A');
        }
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            named.add(label.group(1).toUpperCase(Locale.ROOT).charAt(0) - 'A');
        }
        Matcher fenced = FENCED.matcher(text);
        while (fenced.find()) {
            String sql = normalize(fenced.group(1));
            for (int i = 0; i < offered.size(); i++) {
                if (normalize(offered.get(i).sql()).equals(sql)) {
                    named.add(i);
                }
            }
        }
        if (named.size() != 1) {
            return Optional.empty();
        }
        int i = named.iterator().next();
        return i >= 0 && i < offered.size() ? Optional.of(i) : Optional.empty();
    }

    private static String normalize(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
