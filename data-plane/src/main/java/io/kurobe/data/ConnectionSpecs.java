package io.kurobe.data;

import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@code kurobe.connections."<id>".engine|jdbc-url|user|password} into connection specs.
 * The id may be quoted (it may then hold dots) or bare.
 */
public final class ConnectionSpecs {
    static final String PREFIX = "kurobe.connections.";
    /** The engines with a connector, as the refusal of any other names them. */
    static final String SUPPORTED = Engine.DUCKDB.dialect() + ", " + Engine.POSTGRES.dialect()
            + ", " + Engine.SQLITE.dialect() + ", " + Engine.TRINO.dialect();

    private ConnectionSpecs() {
    }

    public static Map<String, ConnectionSpec> fromConfig(Config config) {
        Map<String, ConnectionSpec> specs = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            String id = idOf(name);
            if (id != null && !specs.containsKey(id)) {
                specs.put(id, spec(config, id));
            }
        }
        return specs;
    }

    /** The connection id of a {@code kurobe.connections.<id>.engine} property name, else null. */
    static String idOf(String propertyName) {
        if (!propertyName.startsWith(PREFIX) || !propertyName.endsWith(".engine")) {
            return null;
        }
        String middle = propertyName.substring(PREFIX.length(), propertyName.length() - ".engine".length());
        if (middle.length() > 2 && middle.startsWith("\"") && middle.endsWith("\"")) {
            return middle.substring(1, middle.length() - 1);
        }
        return middle.isEmpty() || middle.contains(".") || middle.contains("\"") ? null : middle;
    }

    private static ConnectionSpec spec(Config config, String id) {
        String engine = value(config, id, "engine")
                .orElseThrow(() -> new IllegalArgumentException("connection '" + id + "' has no engine"));
        String url = value(config, id, "jdbc-url")
                .orElseThrow(() -> new IllegalArgumentException("connection '" + id + "' has no jdbc-url"));
        return new ConnectionSpec(id, engine(id, engine), url,
                value(config, id, "user").orElse(null), value(config, id, "password").orElse(null));
    }

    /** An engine without a connector is refused at start, which beats failing on the first question. */
    static Engine engine(String id, String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        for (Engine engine : List.of(Engine.DUCKDB, Engine.POSTGRES, Engine.SQLITE, Engine.TRINO)) {
            if (engine.dialect().equals(normalized)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("connection '" + id + "': engine '" + normalized
                + "' is not supported yet; supported: " + SUPPORTED);
    }

    private static Optional<String> value(Config config, String id, String key) {
        Optional<String> quoted = config.getOptionalValue(PREFIX + "\"" + id + "\"." + key, String.class);
        return quoted.isPresent() || id.contains(".")
                ? quoted : config.getOptionalValue(PREFIX + id + "." + key, String.class);
    }
}
