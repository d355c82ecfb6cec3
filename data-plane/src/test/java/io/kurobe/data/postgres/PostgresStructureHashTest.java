package io.kurobe.data.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The catalog-only structure check on the machine's PostgreSQL, while the connector stays open. */
class PostgresStructureHashTest {
    private static final String DB = "kurobe_dp_pg_structure";
    private static PostgresConnector connector;

    @BeforeAll
    static void createDatabase() throws SQLException {
        LocalPostgres.assumeRunning();
        LocalPostgres.recreate(DB);
        LocalPostgres.run(DB, "CREATE TABLE regions (region_id integer PRIMARY KEY, name text);"
                + "INSERT INTO regions VALUES (1, 'north')");
        connector = new PostgresConnector(DB, LocalPostgres.url(DB), LocalPostgres.USER, null);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (connector != null) {
            connector.close();
            LocalPostgres.drop(DB);
        }
    }

    @Test
    void newRowsKeepTheHashAndANewColumnOrTypeChangesIt() throws SQLException {
        String before = connector.structureHash();
        assertEquals(before, connector.structureHash());

        LocalPostgres.run(DB, "INSERT INTO regions VALUES (2, 'south')");
        assertEquals(before, connector.structureHash(), "data is not structure");

        LocalPostgres.run(DB, "ALTER TABLE regions ADD COLUMN country text");
        String withColumn = connector.structureHash();
        assertNotEquals(before, withColumn);

        LocalPostgres.run(DB, "ALTER TABLE regions ALTER COLUMN country TYPE varchar(40)");
        assertNotEquals(withColumn, connector.structureHash());
    }
}
