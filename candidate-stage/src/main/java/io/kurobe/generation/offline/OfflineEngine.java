package io.kurobe.generation.offline;

import io.kurobe.generation.GenerationRequest;
import io.kurobe.generation.Generated;
import io.kurobe.generation.SqlGenerator;
import io.kurobe.model.MatchedValue;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The offline engine: a deterministic NL-to-SQL generator that calls no model. It reads the linked schema into
 * words, keys and a join graph ({@link SchemaIndex}), the question into tokens ({@link QuestionText}), and lets the
 * {@link Planner} map phrases to tables, columns and values and write one query, or decline with the reason. Guidance
 * after a blank line is read for the terms it defines ({@link Glossary}).
 */
@ApplicationScoped
public class OfflineEngine implements SqlGenerator {
    public static final String NAME = "offline";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Generated generate(GenerationRequest request) {
        SchemaIndex schema = new SchemaIndex(request.schema());
        Glossary glossary = Glossary.of(request.question());
        QuestionText question = new QuestionText(glossary.question());
        // values found in the guidance are not the question's
        String said = glossary.question().toLowerCase(java.util.Locale.ROOT);
        List<MatchedValue> values = request.values().stream()
                .filter(v -> said.contains(v.matchedText().toLowerCase(java.util.Locale.ROOT))).toList();
        for (Formula formula : glossary.formulas().values()) {
            // a term the guidance defines by a formula: computed from its quantities when each of them maps
            Planner planner = new Planner(schema, new QuestionText(glossary.spelledWith(formula)), values, formula, glossary.nulls());
            Generated generated = planner.plan();
            if (generated.sql().isPresent() && planner.formulaUsed()) {
                return generated;
            }
        }
        return new Planner(schema, question, values, null, glossary.nulls()).plan();
    }
}
