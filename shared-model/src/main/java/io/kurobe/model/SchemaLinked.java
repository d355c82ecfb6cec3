package io.kurobe.model;

import java.util.List;

/** Topic schema.linked: the part of the schema the question needs, as M-Schema. */
public record SchemaLinked(
        Envelope envelope,
        String question,
        String dialect,
        String mschema,
        List<LinkedTable> tables,
        List<MatchedValue> values,
        String schemaFingerprint,
        QuestionOptions options) implements Event {

    public SchemaLinked {
        Require.present(envelope, "envelope");
        Require.text(question, "question");
        Require.text(dialect, "dialect");
        Require.text(mschema, "mschema");
        tables = Require.list(tables);
        values = Require.list(values);
        Require.text(schemaFingerprint, "schemaFingerprint");
        if (options == null) {
            options = QuestionOptions.defaults();
        }
    }
}
