package io.kurobe.gateway.support;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Asking through the REST API, as a client would. */
public final class Questions {
    private Questions() {
    }

    /** Asks a question of the demo connection with the key; returns the new question's id. */
    public static String ask(String key, String question) {
        return given().header("Authorization", Tenants.bearer(key))
                .contentType("application/json")
                .body(Map.of("question", question, "connectionId", "demo"))
                .when().post("/api/questions")
                .then().statusCode(202)
                .extract().path("id");
    }
}
