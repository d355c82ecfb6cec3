package io.kurobe.gateway.connection;

import io.kurobe.data.demo.DemoDatabase;
import io.kurobe.gateway.support.Tenants;
import io.kurobe.local.KafkaTestResource;
import io.kurobe.snapshots.SnapshotKey;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** GET /api/connections/{id}/schema and POST .../schema/refresh on real DuckDB files and the machine's Redis. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ConnectionSchemaTest {
    /** The file %test.kurobe.connections.demo.jdbc-url names, relative to the module. */
    private static final Path DEMO = Path.of("target", "test-demo.duckdb");

    @TempDir
    static Path files;

    @Inject
    RedisDataSource redis;

    private final List<SnapshotKey> keys = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        Tenants.ensure("other", Tenants.OTHER_KEY);
        synchronized (ConnectionSchemaTest.class) {
            if (!Files.exists(DEMO)) {
                DemoDatabase.create(DEMO);
            }
        }
    }

    @AfterEach
    void removeTestKeys() {
        for (SnapshotKey key : keys) {
            redis.key().del(key.snapshot(), key.checked());
        }
    }

    @Test
    void theConfiguredDemoConnectionIsRefreshedThenServedFromTheCache() {
        cached("demo");
        Response refreshed = as(Tenants.DEMO_KEY).post("/api/connections/demo/schema/refresh");
        refreshed.then().statusCode(200)
                .body("connectionId", equalTo("demo"))
                .body("fingerprint", matchesPattern("[0-9a-f]{64}"))
                .body("tables", equalTo(5))
                .body("tookMs", greaterThanOrEqualTo(0))
                .body("takenAt", startsWith("20"))
                .body("stored", equalTo(true));
        assertNotNull(redis.value(String.class).get(key("demo").snapshot()), "the snapshot is in Redis");

        as(Tenants.DEMO_KEY).get("/api/connections/demo/schema").then().statusCode(200)
                .body("fromCache", equalTo(true))
                .body("engine", equalTo("duckdb"))
                .body("fingerprint", equalTo(refreshed.path("fingerprint")))
                .body("takenAt", equalTo(refreshed.path("takenAt")))
                .body("tables.name", hasItems("orders", "customers", "products"))
                .body("tables.find { it.name == 'orders' }.columns.name", hasItems("order_id", "customer_id", "status"))
                .body("tables.find { it.name == 'orders' }.columns.find { it.name == 'order_id' }.primaryKey",
                        equalTo(true))
                .body("mschema", startsWith("【DB_ID】 demo"))
                .body("mschema", containsString("# Table: orders"));
    }

    @Test
    void anAddedColumnShowsAfterARefreshWithANewFingerprint() throws SQLException {
        Path file = files.resolve("shop.duckdb");
        write(file, "CREATE TABLE products (product_id INTEGER PRIMARY KEY, name VARCHAR);"
                + "INSERT INTO products VALUES (1, 'tea'), (2, 'coffee')");
        String id = create(Tenants.DEMO_KEY, "shop file", "duckdb", "jdbc:duckdb:" + file);
        cached(id);

        Response before = as(Tenants.DEMO_KEY).get("/api/connections/" + id + "/schema");
        before.then().statusCode(200)
                .body("fromCache", equalTo(false))
                .body("connectionId", equalTo(id))
                .body("tables[0].columns.name", equalTo(List.of("product_id", "name")))
                .body("tables[0].rowCount", equalTo(2))
                .body("tables[0].columns[1].examples", equalTo(List.of("tea", "coffee")));
        as(Tenants.DEMO_KEY).get("/api/connections/" + id + "/schema").then().statusCode(200)
                .body("fromCache", equalTo(true))
                .body("fingerprint", equalTo(before.path("fingerprint")));

        write(file, "ALTER TABLE products ADD COLUMN price DECIMAL(10, 2)");
        Response refreshed = as(Tenants.DEMO_KEY).post("/api/connections/" + id + "/schema/refresh");
        refreshed.then().statusCode(200).body("tables", equalTo(1)).body("stored", equalTo(true));
        String after = refreshed.path("fingerprint");
        assertNotEquals(before.path("fingerprint"), after);

        as(Tenants.DEMO_KEY).get("/api/connections/" + id + "/schema").then().statusCode(200)
                .body("fromCache", equalTo(true))
                .body("fingerprint", equalTo(after))
                .body("tables[0].columns.name", equalTo(List.of("product_id", "name", "price")))
                .body("mschema", containsString("price"));
    }

    @Test
    void anotherTenantsConnectionAndAnUnknownIdAreNotFound() throws SQLException {
        Path file = files.resolve("private.duckdb");
        write(file, "CREATE TABLE secrets (secret_id INTEGER)");
        String id = create(Tenants.DEMO_KEY, "private file", "duckdb", "jdbc:duckdb:" + file);
        cached(id);
        as(Tenants.DEMO_KEY).post("/api/connections/" + id + "/schema/refresh").then().statusCode(200);

        as(Tenants.OTHER_KEY).get("/api/connections/" + id + "/schema").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("CONNECTION_NOT_FOUND"));
        as(Tenants.OTHER_KEY).post("/api/connections/" + id + "/schema/refresh").then().statusCode(404)
                .body("code", equalTo("CONNECTION_NOT_FOUND"));
        as(Tenants.DEMO_KEY).get("/api/connections/warehouse/schema").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("CONNECTION_NOT_FOUND"))
                .body("detail", containsString("demo"));
        as(Tenants.DEMO_KEY).delete("/api/connections/" + id).then().statusCode(204);
        as(Tenants.DEMO_KEY).get("/api/connections/" + id + "/schema").then().statusCode(404)
                .body("code", equalTo("CONNECTION_NOT_FOUND"));
    }

    @Test
    void anUnreachableDatabaseIsABadGatewayProblem() {
        String id = create(Tenants.DEMO_KEY, "closed port schema", "postgres", "jdbc:postgresql://127.0.0.1:1/postgres");
        cached(id);
        Response response = as(Tenants.DEMO_KEY).post("/api/connections/" + id + "/schema/refresh");
        response.then().statusCode(502)
                .contentType("application/problem+json")
                .body("code", equalTo("DATABASE_UNREACHABLE"))
                .body("detail", containsString("127.0.0.1:1"));
        as(Tenants.DEMO_KEY).get("/api/connections/" + id + "/schema").then().statusCode(502)
                .body("code", equalTo("DATABASE_UNREACHABLE"));
        as(Tenants.DEMO_KEY).get("/api/connections").then().body("name", hasItem("closed port schema"))
                .body("name", not(hasItem("")));
        assertEquals(502, response.statusCode());
    }

    private SnapshotKey key(String connectionId) {
        return SnapshotKey.of(Tenants.idOf("demo").toString(), connectionId);
    }

    /** Remembers the connection's key for removal, and starts from an empty cache. */
    private void cached(String connectionId) {
        SnapshotKey key = key(connectionId);
        keys.add(key);
        redis.key().del(key.snapshot(), key.checked());
    }

    private static String create(String key, String name, String engine, String url) {
        return as(key).contentType("application/json").body(Map.of("name", name, "engine", engine, "jdbcUrl", url))
                .post("/api/connections")
                .then().statusCode(201)
                .extract().path("id");
    }

    private static void write(Path file, String script) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute(script);
        }
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", Tenants.bearer(key));
    }
}
