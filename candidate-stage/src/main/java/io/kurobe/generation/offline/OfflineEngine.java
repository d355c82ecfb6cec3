package io.kurobe.generation.offline;

import io.kurobe.generation.GenerationRequest;
import io.kurobe.generation.Generated;
import io.kurobe.generation.SqlGenerator;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The offline engine: a deterministic NL-to-SQL generator that calls no model. It reads the linked schema into
 * words, keys and a join graph ({@link SchemaIndex}), the question into tokens ({@link QuestionText}), and lets the
 * {@link Planner} map phrases to tables, columns and values and write one query, or decline with the reason.
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
        QuestionText question = new QuestionText(request.question());
        return new Planner(schema, question, request.values()).plan();
    }
}
