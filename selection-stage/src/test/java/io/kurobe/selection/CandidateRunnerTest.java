package io.kurobe.selection;

import io.kurobe.data.Connector;
import io.kurobe.data.ExecutionLimits;
import io.kurobe.data.guard.GuardPolicy;
import io.kurobe.data.sqlite.SqliteConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Candidates without an outcome are guarded, executed on the connector, and chosen among. */
class CandidateRunnerTest {
    @Test
    void executesGuardsAndSelects(@TempDir Path dir) throws Exception {
        // after a Quarkus test in this JVM, DriverManager only knows the driver of Quarkus' class loader
        Class.forName("org.sqlite.JDBC");
        Path file = dir.resolve("t.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE singer (id INTEGER PRIMARY KEY, name TEXT, age INTEGER)");
            s.execute("INSERT INTO singer VALUES (1, 'Ada', 30), (2, 'Bo', 40)");
        }
        try (Connector connector = new SqliteConnector("t", "jdbc:sqlite:" + file)) {
            GuardPolicy policy = GuardPolicy.forSchema(connector.introspect(), 1000);
            List<Attempt> attempts = new CandidateRunner(new ExecutionLimits(1000, Duration.ofSeconds(10))).run(
                    connector, policy, List.of(
                            new CandidateRunner.Proposal("a", "SELECT readfile('/etc/passwd')"),
                            new CandidateRunner.Proposal("b", "SELECT count(*) FROM singr"),
                            new CandidateRunner.Proposal("c", "SELECT count(*) FROM singer;"),
                            new CandidateRunner.Proposal("d", "SELECT COUNT(id) FROM singer")));
            assertFalse(attempts.get(0).ok());
            assertTrue(attempts.get(0).error().startsWith("refused by the guard"), attempts.get(0).error());
            assertFalse(attempts.get(1).ok());
            assertEquals(List.of(List.of(2)), attempts.get(2).rows());
            Choice choice = new ResultSelector(List.of("a", "b", "c", "d")).choose("How many singers are there?",
                    attempts);
            assertEquals(2, choice.index(), choice.reason());
            assertTrue(choice.reason().contains("2 failed or were refused"), choice.reason());
        }
    }
}
