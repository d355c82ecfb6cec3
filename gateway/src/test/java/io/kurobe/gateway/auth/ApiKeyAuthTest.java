package io.kurobe.gateway.auth;

import io.kurobe.gateway.support.Tenants;
import io.kurobe.local.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ApiKeyAuthTest {

    @Test
    void rejectsACallWithoutKeyAsProblemJson() {
        given().when().get("/api/questions")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHORIZED"))
                .body("status", equalTo(401))
                .body("type", equalTo("urn:kurobe:problem:unauthorized"))
                .body("instance", equalTo("/api/questions"));
    }

    @Test
    void rejectsAnUnknownKey() {
        given().header("Authorization", Tenants.bearer("kb_not_a_key_anybody_has_0000"))
                .when().get("/api/questions")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void rejectsSomethingThatIsNotAKurobeKey() {
        given().header("Authorization", "Basic dXNlcjpwYXNz")
                .when().post("/api/questions")
                .then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void acceptsTheBootstrappedKey() {
        given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .when().get("/api/questions")
                .then().statusCode(200);
    }

    @Test
    void leavesOperationsEndpointsOpen() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200).body(startsWith("---"));
        given().when().get("/").then().statusCode(200).contentType(startsWith("text/html"));
    }
}
