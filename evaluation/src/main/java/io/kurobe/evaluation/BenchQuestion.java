package io.kurobe.evaluation;

/** One line of a benchmark's questions.jsonl. */
record BenchQuestion(String id, String dbId, String question, String goldSql, String category, String instructions) {
    String categoryOrAll() {
        return category == null || category.isEmpty() ? "all" : category;
    }
}
