package io.kurobe.linking;

import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.mschema.MSchema;
import io.kurobe.data.postgres.PostgresConnector;
import io.kurobe.model.LinkedTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Linking golden tests on the benchmark's public databases, each loaded into the machine's PostgreSQL. These
 * databases are small enough to be linked whole by default; here the policy is made to link every schema down
 * ({@code full-schema-max-tables=0}, four tables by score), so recall of the tables each question needs and the
 * share of the schema kept are measured on real schemas. The questions and the tables they need are our own, not
 * the benchmark's.
 */
class LinkingGoldenTest {
    private static final Path BENCH_SQL = Path.of(System.getProperty("kurobe.bench.dir", "../../shared/bench/public"), "sql");
    private static final String PREFIX = "kurobe_link_";
    private static final LinkingPolicy.Limits SUBSET = new LinkingPolicy.Limits(0, 0, 4, 12, 3);

    private record Case(String db, String question, List<String> needs) {
    }

    private static final List<Case> CASES = List.of(
            new Case("academic", "List the names of authors and their organization", List.of("author", "organization")),
            new Case("academic", "How many publications appeared in each journal?", List.of("publication", "journal")),
            new Case("academic", "Which keywords does the publication titled Deep Learning have?",
                    List.of("publication", "publication_keyword", "keyword")),
            new Case("academic", "Which conferences belong to the domain Databases?",
                    List.of("conference", "domain_conference", "domain")),
            new Case("advising", "What is the average GPA of students in each program?", List.of("student", "program")),
            new Case("advising", "List the prerequisites of the course named Algorithms",
                    List.of("course", "course_prerequisite")),
            new Case("advising", "Which instructors teach offerings of the course EECS 281?",
                    List.of("instructor", "offering_instructor", "course_offering", "course")),
            new Case("atis", "List the flights of the airline Delta", List.of("flight", "airline")),
            new Case("atis", "What are the round trip costs of fares from the airport DEN?", List.of("fare")),
            new Case("atis", "Which cities are in the state of Colorado?", List.of("city", "state")),
            new Case("broker", "What is the total transaction amount of each customer?",
                    List.of("sbtransaction", "sbcustomer")),
            new Case("broker", "Show the closing price of each ticker symbol on every day", List.of("sbdailyprice", "sbticker")),
            new Case("car_dealership", "How many cars did each salesperson sell in 2023?", List.of("sales", "salespersons")),
            new Case("car_dealership", "What is the total amount of payments received for the sales of each customer?",
                    List.of("payments_received", "sales", "customers")),
            new Case("car_dealership", "Which car models sold for the highest sale price?", List.of("cars", "sales")));

    private static final Map<String, PostgresConnector> connectors = new HashMap<>();
    private static final Map<String, IntrospectedSchema> schemas = new HashMap<>();
    private static LinkingPolicy policy;

    @BeforeAll
    static void load() throws IOException, SQLException {
        assumeTrue(LargeSchemaLinkingTest.postgresAnswers(), "PostgreSQL does not answer");
        assumeTrue(Files.isDirectory(BENCH_SQL), "benchmark scripts " + BENCH_SQL.toAbsolutePath() + " are absent");
        for (String db : CASES.stream().map(Case::db).distinct().toList()) {
            Path script = BENCH_SQL.resolve(db + ".sql");
            assumeTrue(Files.isRegularFile(script), script + " is absent");
            ensureLoaded(PREFIX + db, Files.readString(script));
            PostgresConnector connector = new PostgresConnector(db, LargeSchemaLinkingTest.url(PREFIX + db),
                    LargeSchemaLinkingTest.USER, null);
            connectors.put(db, connector);
            SchemaSnapshot snapshot = connector.introspect();
            schemas.put(db, new IntrospectedSchema(snapshot, MSchema.render(snapshot), ValueIndex.read(connector, snapshot)));
        }
        policy = new LinkingPolicy(SUBSET, new ColumnRetriever());
    }

    @AfterAll
    static void close() {
        connectors.values().forEach(PostgresConnector::close);
    }

    @Test
    void keepsTheTablesEachQuestionNeedsAndLeavesMostOfTheSchemaOut() {
        int needed = 0;
        int found = 0;
        double shares = 0;
        List<String> misses = new ArrayList<>();
        for (Case c : CASES) {
            IntrospectedSchema schema = schemas.get(c.db());
            LinkingPolicy.Linking linking = policy.link(schema.snapshot(), schema.mschema(), c.question(),
                    schema.values().match(c.question()));
            List<String> kept = linking.tables().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList();
            for (String table : c.needs()) {
                needed++;
                if (kept.contains(table)) {
                    found++;
                } else {
                    misses.add(c.db() + ": '" + c.question() + "' lacks " + table + " (kept " + kept + ")");
                }
            }
            shares += linking.keptShare();
            for (LinkedTable table : linking.tables()) {
                assertTrue(linking.mschema().contains("# Table: " + table.name()), table.name() + " is rendered");
            }
        }
        double recall = (double) found / needed;
        double share = shares / CASES.size();
        System.out.printf(Locale.ROOT, "linking golden: table recall %d/%d = %.3f, mean share of columns kept %.3f%n",
                found, needed, recall, share);
        misses.forEach(m -> System.out.println("  miss: " + m));
        // floors well below the measured figures (see docs/quality.md), never a timing
        assertTrue(recall >= 0.85, "table recall " + recall + ": " + misses);
        assertTrue(share <= 0.75, "mean share kept " + share);
    }

    @Test
    void aSmallSchemaIsLinkedWholeByDefault() {
        IntrospectedSchema schema = schemas.get("academic");
        LinkingPolicy.Linking linking = new LinkingPolicy(LinkingPolicy.Limits.DEFAULTS, new ColumnRetriever())
                .link(schema.snapshot(), schema.mschema(), "How many authors are there?", List.of());
        assertEquals(schema.mschema(), linking.mschema());
        assertEquals(schema.snapshot().tables().size(), linking.tables().size());
        assertEquals(1.0, linking.keptShare());
    }

    @Test
    void completesTheForeignKeyPathBetweenKeptTables() {
        IntrospectedSchema schema = schemas.get("car_dealership");
        LinkingPolicy.Linking linking = new LinkingPolicy(new LinkingPolicy.Limits(0, 0, 2, 12, 3), new ColumnRetriever())
                .link(schema.snapshot(), schema.mschema(), "List the customers and their payments received", List.of());
        List<String> kept = linking.tables().stream().map(LinkedTable::name).toList();
        if (kept.contains("payments_received") && kept.contains("customers")) {
            assertTrue(kept.contains("sales"), "payments_received reaches customers through sales: " + kept);
            assertTrue(linking.mschema().contains("payments_received.sale_id=sales.id"), linking.mschema());
            assertTrue(linking.mschema().contains("sales.customer_id=customers.id"), linking.mschema());
        } else {
            throw new AssertionError("the two named tables are kept: " + kept);
        }
    }

    private static void ensureLoaded(String database, String script) throws SQLException {
        String tag = "kurobe linking golden " + Integer.toHexString(script.hashCode());
        try (Connection admin = LargeSchemaLinkingTest.connect("postgres"); Statement s = admin.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                    + " WHERE datname = '" + database + "'")) {
                if (rs.next() && tag.equals(rs.getString(1))) {
                    return;
                }
            }
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
        try (Connection db = LargeSchemaLinkingTest.connect(database);
             Statement s = db.createStatement()) {
            s.execute(script);
            s.execute("ANALYZE");
            s.execute("COMMENT ON DATABASE " + database + " IS '" + tag + "'");
        }
    }
}
