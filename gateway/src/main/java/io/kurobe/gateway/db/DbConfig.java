package io.kurobe.gateway.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Where the metadata store lives and who connects to it. The defaults are in application.properties,
 * because the datasource settings there are built from these values.
 */
@ConfigMapping(prefix = "kurobe.db")
public interface DbConfig {
    String host();

    int port();

    /** The database; created at start if it is missing. */
    String name();

    /** Drops every object of the database before migrating: tests start from an empty schema. */
    @WithDefault("false")
    boolean cleanAtStart();

    /** Creates the database and runs the migrations; used only at start. */
    Admin admin();

    /** The application's login role: no superuser, no BYPASSRLS. */
    App app();

    interface Admin {
        String user();

        Optional<String> password();
    }

    interface App {
        String user();

        String password();
    }

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }
}
