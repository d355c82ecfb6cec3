package io.kurobe.evaluation;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the evaluation tests share: the machine's PostgreSQL under a prefix of the test's own, and the hand-made set. */
final class EvalFixture {
    /** The hand-made directory's databases (src/test/resources/handmade). */
    static final List<String> HANDMADE_DBS = List.of("eateries", "reviews");

    private EvalFixture() {
    }

    /** psql ({@code PSQL}, default the machine's) naming databases with {@code prefix}; skips the test when unreachable. */
    static Psql psql(String prefix) {
        Psql psql = new Psql(System.getenv().getOrDefault("PSQL", "psql -X -h 127.0.0.1 -U postgres"), prefix);
        try {
            psql.query("postgres", "SELECT 1", 10);
        } catch (RuntimeException e) {
            assumeTrue(false, "psql cannot reach PostgreSQL: " + e.getMessage());
        }
        return psql;
    }

    /** Drops the databases a test loaded. */
    static void drop(Psql psql, List<String> dbIds) {
        if (psql == null) {
            return;
        }
        for (String db : dbIds) {
            psql.script("postgres", null, "DROP DATABASE IF EXISTS " + BenchLoader.quote(psql.database(db)) + ";\n", 60);
        }
    }

    /** Copies the hand-made directory (scripts, meta, questions) into {@code dir}; returns its questions file. */
    static Path handmade(Path dir) throws IOException {
        Path source;
        try {
            source = Path.of(EvalFixture.class.getResource("/handmade/questions.jsonl").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IOException("the hand-made directory is not on the test classpath", e);
        }
        Files.createDirectories(dir.resolve("sql"));
        Files.createDirectories(dir.resolve("meta"));
        for (String db : HANDMADE_DBS) {
            Files.copy(source.resolve("sql/" + db + ".sql"), dir.resolve("sql/" + db + ".sql"));
            Files.copy(source.resolve("meta/" + db + ".json"), dir.resolve("meta/" + db + ".json"));
        }
        return Files.copy(source.resolve("questions.jsonl"), dir.resolve("questions.jsonl"));
    }
}
