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
import java.util.ArrayList;
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
                     SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity AS forced
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'public' AND c.relkind = 'r'
                       AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                                                             AND a.attname = 'tenant_id' AND NOT a.attisdropped))""");
             ResultSet rows = select.executeQuery()) {
            List<String> tables = new ArrayList<>();
            while (rows.next()) {
                assertTrue(rows.getBoolean("forced"), rows.getString("relname") + " forces row-level security");
                tables.add(rows.getString("relname"));
            }
            assertTrue(tables.containsAll(List.of("tenants", "api_keys", "conversations", "questions", "question_events",
                    "panels", "connections", "examples", "feedback")), tables.toString());
        }
    }

    @Test
    void theApplicationRoleSeesNoRowsWithoutATenantAndOnlyItsTenantsWithOne() throws Exception {
        Questions.ask(Tenants.DEMO_KEY, "How many products per category?");
        try (Connection admin = Tenants.admin(); PreparedStatement example = admin.prepareStatement("""
                INSERT INTO examples (id, tenant_id, connection_id, question, sql, source)
                SELECT gen_random_uuid(), id, 'demo', 'How many products? ' || gen_random_uuid(),
                       'SELECT count(*) FROM products', 'bulk' FROM tenants WHERE name = 'demo'""")) {
            assertEquals(1, example.executeUpdate());
        }
        try (Connection connection = Tenants.app()) {
            assertEquals(0, count(connection, "SELECT count(*) FROM questions"));
            assertEquals(0, count(connection, "SELECT count(*) FROM api_keys"));
            assertEquals(0, count(connection, "SELECT count(*) FROM examples"));
            assertEquals(0, count(connection, "SELECT count(*) FROM feedback"));
            connection.setAutoCommit(false);
            try (PreparedStatement set = connection.prepareStatement("SELECT set_config('app.current_tenant', ?, true)")) {
                set.setString(1, Tenants.idOf("other").toString());
                set.execute();
            }
            assertEquals(0, count(connection, "SELECT count(*) FROM questions WHERE tenant_id <> (SELECT id FROM tenants)"));
            assertEquals(0, count(connection, "SELECT count(*) FROM examples WHERE tenant_id <> (SELECT id FROM tenants)"));
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
