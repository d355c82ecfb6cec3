package io.kurobe.stage.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the demo connection of a stage under test at a freshly made demo database. */
public class DemoDatabaseResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("kurobe.connections.demo.jdbc-url", DemoDb.jdbcUrl());
    }

    @Override
    public void stop() {
        // the file is deleted when the JVM exits; the next test class may still use it
    }
}
