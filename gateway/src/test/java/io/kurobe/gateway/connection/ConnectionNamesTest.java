package io.kurobe.gateway.connection;

import io.kurobe.gateway.support.Tenants;
import io.kurobe.local.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A tenant's live connections have distinct names (V3's partial unique index), answered with a 409 problem. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ConnectionNamesTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @BeforeAll
    static void secondTenant() {
        Tenants.ensure("other", Tenants.OTHER_KEY);
    }

    @Test
    void aSecondLiveConnectionWithTheSameNameIsRefusedOnCreate() {
        String first = create(Tenants.DEMO_KEY, "sales replica");
        as(Tenants.DEMO_KEY).contentType("application/json").body(body("sales replica")).post("/api/connections")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("CONNECTION_NAME_TAKEN"))
                .body("type", equalTo("urn:kurobe:problem:connection-name-taken"))
                .body("detail", containsString("'sales replica'"));
        as(Tenants.DEMO_KEY).get("/api/connections/" + first).then().statusCode(200).body("name", equalTo("sales replica"));
    }

    @Test
    void renamingOntoATakenNameIsRefusedAndTheRowKeepsItsName() {
        create(Tenants.DEMO_KEY, "finance");
        String other = create(Tenants.DEMO_KEY, "finance archive");
        as(Tenants.DEMO_KEY).contentType("application/json").body(Map.of("name", "finance"))
                .patch("/api/connections/" + other).then().statusCode(409)
                .body("code", equalTo("CONNECTION_NAME_TAKEN"));
        as(Tenants.DEMO_KEY).get("/api/connections/" + other).then().statusCode(200)
                .body("name", equalTo("finance archive"));
        as(Tenants.DEMO_KEY).contentType("application/json").body(Map.of("name", "finance archive", "user", "postgres"))
                .patch("/api/connections/" + other).then().statusCode(200).body("user", equalTo("postgres"));
    }

    @Test
    void anotherTenantAndADeletedConnectionDoNotHoldAName() {
        String mine = create(Tenants.DEMO_KEY, "shared name");
        create(Tenants.OTHER_KEY, "shared name");
        as(Tenants.DEMO_KEY).delete("/api/connections/" + mine).then().statusCode(204);
        create(Tenants.DEMO_KEY, "shared name");
    }

    private static String create(String key, String name) {
        return as(key).contentType("application/json").body(body(name)).post("/api/connections")
                .then().statusCode(201)
                .extract().path("id");
    }

    private static Map<String, Object> body(String name) {
        return Map.of("name", name, "engine", "postgres", "jdbcUrl", URL);
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", Tenants.bearer(key));
    }
}
