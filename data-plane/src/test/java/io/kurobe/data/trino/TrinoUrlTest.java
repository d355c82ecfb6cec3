package io.kurobe.data.trino;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrinoUrlTest {
    @Test
    void readsHostPortCatalogAndSchema() {
        TrinoUrl url = TrinoUrl.parse("jdbc:trino://trino.example:8443/Hive/Sales?SSL=true&sessionUser=bob");
        assertEquals("trino.example", url.host());
        assertEquals(8443, url.port());
        assertTrue(url.ssl());
        assertEquals("hive", url.catalog());
        assertEquals("sales", url.schema());
        assertEquals(Map.of("SSL", "true", "sessionUser", "bob"), url.parameters());
        assertEquals("jdbc:trino://trino.example:8443/hive/sales", url.driverUrl());
        assertEquals("trino.example:8443/hive/sales", url.target());
    }

    @Test
    void aSchemaIsOptionalAndThePortDefaultsByScheme() {
        TrinoUrl plain = TrinoUrl.parse("jdbc:trino://coordinator/tpch");
        assertEquals(80, plain.port());
        assertFalse(plain.ssl());
        assertNull(plain.schema());
        assertEquals("coordinator:80/tpch", plain.target());
        assertEquals(443, TrinoUrl.parse("jdbc:trino://coordinator/tpch?SSL=true").port());
    }

    @Test
    void refusesAUrlWithoutACatalog() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrinoUrl.parse("jdbc:trino://localhost:8080"));
        assertEquals("the Trino JDBC URL jdbc:trino://localhost:8080 names no catalog; Kurobe introspects one catalog"
                + " (and optionally one schema): jdbc:trino://host:port/catalog[/schema]", e.getMessage());
    }

    @Test
    void refusesOtherDriversAndDeeperPaths() {
        assertEquals("not a Trino JDBC URL (jdbc:trino://host:port/catalog[/schema]): jdbc:postgresql://h/db",
                assertThrows(IllegalArgumentException.class, () -> TrinoUrl.parse("jdbc:postgresql://h/db"))
                        .getMessage());
        assertEquals("the Trino JDBC URL jdbc:trino://h:8080/a/b/c has more than a catalog and a schema in its path"
                        + " (jdbc:trino://host:port/catalog[/schema])",
                assertThrows(IllegalArgumentException.class, () -> TrinoUrl.parse("jdbc:trino://h:8080/a/b/c"))
                        .getMessage());
    }

    @Test
    void messagesNeverShowTheParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrinoUrl.parse("jdbc:trino://localhost:8080?password=hunter2"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        TrinoUrl url = TrinoUrl.parse("jdbc:trino://localhost:8080/tpch?password=hunter2");
        assertFalse(url.toString().contains("hunter2"), url.toString());
    }

    @Test
    void refusesAParameterSetTwice() {
        assertEquals("the Trino JDBC URL sets parameter 'SSL' twice", assertThrows(IllegalArgumentException.class,
                () -> TrinoUrl.parse("jdbc:trino://h:1/c?SSL=true&SSL=false")).getMessage());
    }
}
