package io.kurobe.data.trino;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Trino JDBC URL read the way Kurobe uses it: {@code jdbc:trino://host[:port]/catalog[/schema][?params]}. The
 * catalog is required (introspection reads its information_schema); without a schema every schema of the catalog
 * is introspected and tables are named {@code schema.table}. Parameters are kept apart so messages never show
 * them: they may hold credentials.
 */
record TrinoUrl(String host, int port, boolean ssl, String catalog, String schema, Map<String, String> parameters) {
    static final String PREFIX = "jdbc:trino://";
    static final String SHAPE = "jdbc:trino://host:port/catalog[/schema]";

    static TrinoUrl parse(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a Trino JDBC URL (" + SHAPE + "): " + shown(jdbcUrl));
        }
        URI uri;
        try {
            uri = new URI("trino://" + jdbcUrl.substring(PREFIX.length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot read the Trino JDBC URL " + shown(jdbcUrl) + " (" + SHAPE
                    + "): " + e.getReason(), e);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the Trino JDBC URL " + shown(jdbcUrl) + " names no host (" + SHAPE + ")");
        }
        List<String> path = segments(uri.getPath());
        if (path.isEmpty()) {
            throw new IllegalArgumentException("the Trino JDBC URL " + shown(jdbcUrl) + " names no catalog; Kurobe"
                    + " introspects one catalog (and optionally one schema): " + SHAPE);
        }
        if (path.size() > 2) {
            throw new IllegalArgumentException("the Trino JDBC URL " + shown(jdbcUrl) + " has more than a catalog and"
                    + " a schema in its path (" + SHAPE + ")");
        }
        Map<String, String> parameters = parameters(uri.getRawQuery());
        boolean ssl = "true".equalsIgnoreCase(parameters.get("SSL"));
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        return new TrinoUrl(uri.getHost(), port, ssl, path.get(0), path.size() == 2 ? path.get(1) : null,
                Map.copyOf(parameters));
    }

    /** What the driver connects to: the URL without its parameters, which go in as properties. */
    String driverUrl() {
        return PREFIX + host + ":" + port + "/" + catalog + (schema == null ? "" : "/" + schema);
    }

    /** host:port/catalog[/schema], for messages. */
    String target() {
        return host + ":" + port + "/" + catalog + (schema == null ? "" : "/" + schema);
    }

    String hostPort() {
        return host + ":" + port;
    }

    /** Never the parameters, which may hold credentials. */
    @Override
    public String toString() {
        return "TrinoUrl[" + target() + (ssl ? ", ssl" : "") + "]";
    }

    private static List<String> segments(String path) {
        if (path == null) {
            return List.of();
        }
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (parameters.put(key, value) != null) {
                throw new IllegalArgumentException("the Trino JDBC URL sets parameter '" + key + "' twice");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The URL without its parameters. */
    static String shown(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "(none)";
        }
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?…";
    }
}
