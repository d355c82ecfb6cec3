package io.kurobe.gateway.connection;

import io.kurobe.data.demo.DemoDatabase;
import io.kurobe.data.stored.SecretBox;
import io.kurobe.gateway.support.Tenants;
import io.kurobe.local.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ConnectionsTest {
    private static final String LOCAL_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @TempDir
    static Path files;

    @BeforeAll
    static void secondTenant() {
        Tenants.ensure("other", Tenants.OTHER_KEY);
    }

    @Test
    void createReadListUpdateAndSoftDeleteARoundTrip() {
        String id = create(Tenants.DEMO_KEY, body("warehouse", "postgres", LOCAL_POSTGRES, "postgres", null));
        as(Tenants.DEMO_KEY).get("/api/connections/" + id).then().statusCode(200)
                .body("name", equalTo("warehouse"))
                .body("engine", equalTo("postgres"))
                .body("jdbcUrl", equalTo(LOCAL_POSTGRES))
                .body("user", equalTo("postgres"))
                .body("password", nullValue())
                .body("createdAt", startsWith("20"));
        as(Tenants.DEMO_KEY).get("/api/connections").then().statusCode(200).body("id", hasItem(id));

        as(Tenants.DEMO_KEY).contentType("application/json").body(Map.of("name", "warehouse (read replica)"))
                .patch("/api/connections/" + id).then().statusCode(200)
                .body("name", equalTo("warehouse (read replica)"))
                .body("jdbcUrl", equalTo(LOCAL_POSTGRES))
                .body("user", equalTo("postgres"));
        as(Tenants.DEMO_KEY).get("/api/connections/" + id).then().statusCode(200)
                .body("name", equalTo("warehouse (read replica)"));

        as(Tenants.DEMO_KEY).delete("/api/connections/" + id).then().statusCode(204);
        as(Tenants.DEMO_KEY).get("/api/connections/" + id).then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("CONNECTION_NOT_FOUND"));
        as(Tenants.DEMO_KEY).get("/api/connections").then().statusCode(200).body("id", not(hasItem(id)));
        as(Tenants.DEMO_KEY).delete("/api/connections/" + id).then().statusCode(404);
        as(Tenants.DEMO_KEY).post("/api/connections/" + id + "/test").then().statusCode(404);
        as(Tenants.DEMO_KEY).contentType("application/json").body(Map.of("name", "back"))
                .patch("/api/connections/" + id).then().statusCode(404);
        assertEquals(1, Tenants.count("SELECT count(*) FROM connections WHERE id = ? AND deleted_at IS NOT NULL",
                UUID.fromString(id)), "a deleted connection is kept, marked deleted");
    }

    @Test
    void thePasswordIsInNoResponseBody() {
        String password = "pw-" + UUID.randomUUID();
        Response created = as(Tenants.DEMO_KEY).contentType("application/json")
                .body(body("with password", "postgres", LOCAL_POSTGRES, "postgres", password))
                .post("/api/connections");
        created.then().statusCode(201).body("password", equalTo("set"));
        String id = created.path("id");
        assertFalse(created.asString().contains(password));
        for (Response response : new Response[] {
                as(Tenants.DEMO_KEY).get("/api/connections/" + id),
                as(Tenants.DEMO_KEY).get("/api/connections"),
                as(Tenants.DEMO_KEY).contentType("application/json").body(Map.of("user", "postgres"))
                        .patch("/api/connections/" + id),
                as(Tenants.DEMO_KEY).post("/api/connections/" + id + "/test")}) {
            assertEquals(200, response.statusCode(), response.asString());
            assertFalse(response.asString().contains(password), response.asString());
        }
        as(Tenants.DEMO_KEY).get("/api/connections/" + id).then().body("password", equalTo("set"));
        as(Tenants.DEMO_KEY).contentType("application/json").body(Map.of("password", ""))
                .patch("/api/connections/" + id).then().statusCode(200).body("password", nullValue());
        assertEquals(1, Tenants.count("SELECT count(*) FROM connections WHERE id = ? AND password_sealed IS NULL "
                + "AND password_key_id IS NULL", UUID.fromString(id)));
    }

    @Test
    void theStoredPasswordIsSealedAndOpensWithItsKeyId() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        String id = create(Tenants.DEMO_KEY, body("sealed", "postgres", LOCAL_POSTGRES, "postgres", password));
        SecretBox.Sealed sealed = sealedPassword(id);
        assertEquals("test-a", sealed.keyId());
        assertFalse(new String(sealed.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(password));
        assertEquals(password, testKeys().open(sealed, "connection:" + id));
    }

    @Test
    void aRowSealedUnderAnOlderKeyStillOpensAndIsResealedUnderTheActiveKeyWhenUpdated() throws Exception {
        String id = create(Tenants.DEMO_KEY, body("rotated", "postgres", LOCAL_POSTGRES, "postgres", null));
        SecretBox olderKey = new SecretBox(Map.of("test-b", key("test-b")), "test-b");
        SecretBox.Sealed underB = olderKey.seal("rotated-password", "connection:" + id);
        try (Connection admin = Tenants.admin(); PreparedStatement update = admin.prepareStatement(
                "UPDATE connections SET password_sealed = ?, password_key_id = ? WHERE id = ?")) {
            update.setBytes(1, underB.bytes());
            update.setString(2, underB.keyId());
            update.setObject(3, UUID.fromString(id));
            assertEquals(1, update.executeUpdate());
        }
        // trust authentication ignores the password, so the test passing shows the old row opened
        as(Tenants.DEMO_KEY).post("/api/connections/" + id + "/test").then().statusCode(200).body("ok", equalTo(true));
        as(Tenants.DEMO_KEY).contentType("application/json").body(Map.of("name", "rotated, renamed"))
                .patch("/api/connections/" + id).then().statusCode(200).body("password", equalTo("set"));
        SecretBox.Sealed resealed = sealedPassword(id);
        assertEquals("test-a", resealed.keyId());
        assertEquals("rotated-password", testKeys().open(resealed, "connection:" + id));
    }

    @Test
    void testingTheDemoDuckDbFileGivesItsVersion() {
        Path demo = files.resolve("demo.duckdb");
        DemoDatabase.create(demo);
        String id = create(Tenants.DEMO_KEY, body("demo file", "duckdb", "jdbc:duckdb:" + demo, null, null));
        as(Tenants.DEMO_KEY).post("/api/connections/" + id + "/test").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("engine", equalTo("duckdb"))
                .body("serverVersion", startsWith("DuckDB v"))
                .body("latencyMs", greaterThanOrEqualTo(0));
    }

    @Test
    void aSqliteFileIsStoredAndTestedLikeTheOtherEngines() throws Exception {
        Path file = files.resolve("shop.sqlite");
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE products (product_id INTEGER PRIMARY KEY, name TEXT)");
        }
        String id = create(Tenants.DEMO_KEY, body("sqlite file", "sqlite", "jdbc:sqlite:" + file, null, null));
        as(Tenants.DEMO_KEY).get("/api/connections/" + id).then().statusCode(200).body("engine", equalTo("sqlite"));
        as(Tenants.DEMO_KEY).post("/api/connections/" + id + "/test").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("serverVersion", startsWith("SQLite "));
    }

    @Test
    void testingTheMachinesPostgresGivesItsVersion() {
        String id = create(Tenants.DEMO_KEY, body("local postgres", "postgres", LOCAL_POSTGRES, "postgres", "unused"));
        as(Tenants.DEMO_KEY).post("/api/connections/" + id + "/test").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("serverVersion", startsWith("PostgreSQL "))
                .body("code", nullValue());
    }

    @Test
    void testFailuresAreNamed() {
        expectFailure(body("closed port", "postgres", "jdbc:postgresql://127.0.0.1:1/postgres", "postgres", null),
                "HOST_UNREACHABLE", "host unreachable");
        expectFailure(body("missing db", "postgres", "jdbc:postgresql://127.0.0.1:5432/kurobe_no_such_database",
                "postgres", null), "DATABASE_MISSING", "kurobe_no_such_database");
        expectFailure(body("missing file", "duckdb", "jdbc:duckdb:" + files.resolve("absent.duckdb"), null, null),
                "FILE_MISSING", "absent.duckdb");
        expectFailure(body("trino", "trino", "jdbc:trino://127.0.0.1:1/tpch", "kurobe", null),
                "HOST_UNREACHABLE", "cannot connect to Trino at 127.0.0.1:1");
    }

    @Test
    void anotherTenantNeitherSeesNorChangesTheConnection() {
        String id = create(Tenants.DEMO_KEY, body("private", "postgres", LOCAL_POSTGRES, "postgres", "secret"));
        as(Tenants.OTHER_KEY).get("/api/connections/" + id).then().statusCode(404)
                .body("code", equalTo("CONNECTION_NOT_FOUND"));
        as(Tenants.OTHER_KEY).get("/api/connections").then().statusCode(200).body("id", not(hasItem(id)));
        as(Tenants.OTHER_KEY).contentType("application/json").body(Map.of("name", "mine now"))
                .patch("/api/connections/" + id).then().statusCode(404);
        as(Tenants.OTHER_KEY).post("/api/connections/" + id + "/test").then().statusCode(404);
        as(Tenants.OTHER_KEY).delete("/api/connections/" + id).then().statusCode(404);
        as(Tenants.DEMO_KEY).get("/api/connections/" + id).then().statusCode(200).body("name", equalTo("private"));
        as(Tenants.OTHER_KEY).contentType("application/json")
                .body(Map.of("question", "How many rows?", "connectionId", id))
                .post("/api/questions").then().statusCode(404).body("code", equalTo("UNKNOWN_CONNECTION"));
    }

    @Test
    void questionsOnALiveStoredConnectionAreAcceptedAndOnADeletedOneRefused() {
        String id = create(Tenants.DEMO_KEY, body("stored", "postgres", LOCAL_POSTGRES, "postgres", null));
        as(Tenants.DEMO_KEY).contentType("application/json")
                .body(Map.of("question", "How many rows?", "connectionId", id))
                .post("/api/questions").then().statusCode(202)
                .body("id", notNullValue());
        as(Tenants.DEMO_KEY).delete("/api/connections/" + id).then().statusCode(204);
        as(Tenants.DEMO_KEY).contentType("application/json")
                .body(Map.of("question", "How many rows?", "connectionId", id))
                .post("/api/questions").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("UNKNOWN_CONNECTION"));
    }

    @Test
    void invalidConnectionsAreRefusedWithACode() {
        invalid(body("no engine", null, LOCAL_POSTGRES, null, null), "CONNECTION_INVALID");
        invalid(body("unknown engine", "oracle", "jdbc:oracle:thin:@h:1521/x", null, null), "UNKNOWN_ENGINE");
        invalid(body("no url", "postgres", null, null, null), "CONNECTION_INVALID");
        invalid(body(null, "postgres", LOCAL_POSTGRES, null, null), "CONNECTION_INVALID");
        invalid(body("wrong url", "postgres", "jdbc:duckdb:/tmp/x.duckdb", null, null), "CONNECTION_INVALID");
        invalid(body("password in url", "postgres", LOCAL_POSTGRES + "?user=a&password=b", null, null),
                "CONNECTION_INVALID");
        String id = create(Tenants.DEMO_KEY, body("to patch", "postgres", LOCAL_POSTGRES, null, null));
        as(Tenants.DEMO_KEY).contentType("application/json").body(Map.of("engine", "duckdb"))
                .patch("/api/connections/" + id).then().statusCode(400).body("code", equalTo("CONNECTION_INVALID"));
        as(Tenants.DEMO_KEY).get("/api/connections/not-a-uuid").then().statusCode(404)
                .body("code", equalTo("CONNECTION_NOT_FOUND"));
    }

    private static void expectFailure(Map<String, Object> connection, String code, String inMessage) {
        String id = create(Tenants.DEMO_KEY, connection);
        Response response = as(Tenants.DEMO_KEY).post("/api/connections/" + id + "/test");
        response.then().statusCode(200).body("ok", equalTo(false)).body("code", equalTo(code));
        String message = response.path("message");
        assertTrue(message.contains(inMessage), message);
    }

    private static void invalid(Map<String, Object> connection, String code) {
        as(Tenants.DEMO_KEY).contentType("application/json").body(connection).post("/api/connections")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo(code));
    }

    private static io.restassured.specification.RequestSpecification as(String key) {
        return given().header("Authorization", Tenants.bearer(key));
    }

    private static String create(String key, Map<String, Object> connection) {
        return as(key).contentType("application/json").body(connection).post("/api/connections")
                .then().statusCode(201)
                .extract().path("id");
    }

    private static Map<String, Object> body(String name, String engine, String url, String user, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("engine", engine);
        body.put("jdbcUrl", url);
        body.put("user", user);
        body.put("password", password);
        return body;
    }

    private static SecretBox.Sealed sealedPassword(String id) throws Exception {
        try (Connection admin = Tenants.admin(); PreparedStatement select = admin.prepareStatement(
                "SELECT password_key_id, password_sealed FROM connections WHERE id = ?")) {
            select.setObject(1, UUID.fromString(id));
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return new SecretBox.Sealed(row.getString(1), row.getBytes(2));
            }
        }
    }

    private static byte[] key(String id) {
        return java.util.Base64.getDecoder().decode(ConfigProvider.getConfig()
                .getValue("kurobe.crypto.keys.\"" + id + "\"", String.class));
    }

    /** The test profile's keys, read from configuration as the gateway reads them. */
    private static SecretBox testKeys() {
        return new SecretBox(Map.of("test-a", key("test-a"), "test-b", key("test-b")), "test-a");
    }
}
