package io.kurobe.model;

import java.util.List;

/** What the asker wants of the answer: a row limit and, optionally, which generators to run. */
public record QuestionOptions(int rowLimit, List<String> generators) {
    public static final int DEFAULT_ROW_LIMIT = 1000;

    public QuestionOptions {
        if (rowLimit <= 0) {
            rowLimit = DEFAULT_ROW_LIMIT;
        }
        generators = Require.list(generators);
    }

    public static QuestionOptions defaults() {
        return new QuestionOptions(DEFAULT_ROW_LIMIT, List.of());
    }
}
