package io.kurobe.data;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The configured connections of this service, each opened on first use and kept open until shutdown.
 * Connections come from {@code kurobe.connections."<id>".engine|jdbc-url|user|password}.
 */
@ApplicationScoped
public class ConnectorPool {
    private final Map<String, ConnectionSpec> specs;
    private final Function<ConnectionSpec, Connector> opener;
    private final Map<String, Connector> open = new ConcurrentHashMap<>();

    @Inject
    public ConnectorPool(Config config) {
        this(ConnectionSpecs.fromConfig(config));
    }

    public ConnectorPool(Map<String, ConnectionSpec> specs) {
        this(specs, Connectors::open);
    }

    ConnectorPool(Map<String, ConnectionSpec> specs, Function<ConnectionSpec, Connector> opener) {
        this.specs = Map.copyOf(new TreeMap<>(specs));
        this.opener = opener;
    }

    /** For the CDI client proxy only. */
    protected ConnectorPool() {
        this(Map.of());
    }

    public Connector connector(String id) {
        ConnectionSpec spec = specs.get(id);
        if (spec == null) {
            throw new UnknownConnectionException(id, ids());
        }
        return open.computeIfAbsent(id, key -> opener.apply(spec));
    }

    public boolean has(String id) {
        return id != null && specs.containsKey(id);
    }

    /** The configured ids, sorted. */
    public Set<String> ids() {
        return new TreeSet<>(specs.keySet());
    }

    public Engine engine(String id) {
        ConnectionSpec spec = specs.get(id);
        if (spec == null) {
            throw new UnknownConnectionException(id, ids());
        }
        return spec.engine();
    }

    @PreDestroy
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (String id : List.copyOf(open.keySet())) {
            Connector connector = open.remove(id);
            try {
                connector.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("closing " + failures.size() + " connector(s) failed");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
