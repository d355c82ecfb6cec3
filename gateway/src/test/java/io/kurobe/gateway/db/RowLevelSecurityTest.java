package io.kurobe.gateway.db;

import io.kurobe.gateway.support.Questions;
import io.kurobe.gateway.support.Tenants;
import io.kurobe.local.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RowLevelSecurityTest {

    @BeforeAll
    static void secondTenant() {
        Tenants.ensure("other", Tenants.OTHER_KEY);
    }

    @Test
    void aSecondTenantCannotSeeTheFirstTenantsQuestion() {
        String id = Questions.ask(Tenants.DEMO_KEY, "What was the revenue per region?");
        given().header("Authorization", Tenants.bearer(Tenants.OTHER_KEY))
                .when().get("/api/questions/" + id)
                .then().statusCode(404)
                .body("code", equalTo("QUESTION_NOT_FOUND"));
        given().header("Authorization", Tenants.bearer(Tenants.OTHER_KEY))
                .when().get("/api/questions")
                .then().statusCode(200)
                .body("id", not(hasItem(id)));
        given().header("Authorization", Tenants.bearer(Tenants.DEMO_KEY))
                .when().get("/api/questions")
                .then().statusCode(200)
                .body("id", hasItem(id));
    }

    @Test
    void aSecondTenantCannotContinueTheFirstTenantsConversation() {
        String id = Questions.ask(Tenants.DEMO_KEY, "How many orders per month?");
        given().header("Authorization", Tenants.bearer(Tenants.OTHER_KEY))
                .contentType("application/json")
                .body(java.util.Map.of("question", "And per year?", "connectionId", "demo", "conversationId", id))
                .when().post("/api/questions")
                .then().statusCode(404)
                .body("code", equalTo("CONVERSATION_NOT_FOUND"));
    }

    @Test
    void theApplicationRoleIsNeitherSuperuserNorBypassesRowLevelSecurity() throws Exception {
        try (Connection connection = Tenants.admin();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ?")) {
            select.setString(1, "kurobe_app");
            try (ResultSet role = select.executeQuery()) {
                assertTrue(role.next(), "role kurobe_app exists");
                assertFalse(role.getBoolean("rolsuper"));
                assertFalse(role.getBoolean("rolbypassrls"));
            }
        }
    }

    @Test
    void everyTenantTableForcesRowLevelSecurity() throws Exception {
        try (Connection connection = Tenants.admin();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT relname FROM pg_class
                     WHERE relname = ANY (?) AND relrowsecurity AND relforcerowsecurity""")) {
            List<String> tables = List.of("tenants", "api_keys", "conversations", "questions", "question_events", "panels",
                    "connections");
            select.setArray(1, connection.createArrayOf("text", tables.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                int count = 0;
                while (rows.next()) {
                    count++;
                }
                assertEquals(tables.size(), count);
            }
        }
    }

    @Test
    void theApplicationRoleSeesNoRowsWithoutATenantAndOnlyItsTenantsWithOne() throws Exception {
        Questions.ask(Tenants.DEMO_KEY, "How many products per category?");
        try (Connection connection = Tenants.app()) {
            assertEquals(0, count(connection, "SELECT count(*) FROM questions"));
            assertEquals(0, count(connection, "SELECT count(*) FROM api_keys"));
            connection.setAutoCommit(false);
            try (PreparedStatement set = connection.prepareStatement("SELECT set_config('app.current_tenant', ?, true)")) {
                set.setString(1, Tenants.idOf("other").toString());
                set.execute();
            }
            assertEquals(0, count(connection, "SELECT count(*) FROM questions WHERE tenant_id <> (SELECT id FROM tenants)"));
            connection.commit();
            assertEquals(0, count(connection, "SELECT count(*) FROM questions"));
            connection.rollback();
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
