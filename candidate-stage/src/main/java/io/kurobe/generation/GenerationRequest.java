package io.kurobe.generation;

import io.kurobe.data.SchemaSnapshot;
import io.kurobe.model.MatchedValue;

import java.util.List;

/**
 * What a generator gets: the question, the linked M-Schema as text and read back into tables and
 * columns, the question's values found in the data, and the row limit the asker wants.
 */
public record GenerationRequest(String question, String dialect, String mschema, SchemaSnapshot schema,
                                List<MatchedValue> values, int rowLimit) {
    public GenerationRequest {
        values = List.copyOf(values);
    }
}
