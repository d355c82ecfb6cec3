package io.kurobe.generation;

import io.kurobe.data.SchemaSnapshot;
import io.kurobe.model.MatchedValue;

import java.util.List;

/**
 * What a generator gets: the question, the linked M-Schema as text and read back into tables and
 * columns, the question's values found in the data, the row limit the asker wants, and the tenant and
 * connection it was asked on (the ICL generator's examples are per connection; null outside the service).
 */
public record GenerationRequest(String question, String dialect, String mschema, SchemaSnapshot schema,
                                List<MatchedValue> values, int rowLimit, String tenantId, String connectionId) {
    public GenerationRequest {
        values = List.copyOf(values);
    }

    /** A request on no particular connection (tests and tools that run a generator directly). */
    public GenerationRequest(String question, String dialect, String mschema, SchemaSnapshot schema,
                             List<MatchedValue> values, int rowLimit) {
        this(question, dialect, mschema, schema, values, rowLimit, null, null);
    }
}
