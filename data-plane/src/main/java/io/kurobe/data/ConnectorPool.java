package io.kurobe.data;

import io.kurobe.data.stored.StoredConnections;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The connections of this service, each opened on first use and kept open until shutdown. Configured
 * connections ({@code kurobe.connections."<id>".engine|jdbc-url|user|password}) come first; any other id is
 * looked up among the tenant's connections stored through the gateway. A stored connector is re-checked against
 * its row after {@link #STORED_RECHECK}: reopened when the row changed, closed when it was deleted.
 */
@ApplicationScoped
public class ConnectorPool {
    static final Duration STORED_RECHECK = Duration.ofSeconds(30);

    private final Map<String, ConnectionSpec> specs;
    private final Function<ConnectionSpec, Connector> opener;
    private final Map<String, Connector> open = new ConcurrentHashMap<>();
    private final Optional<StoredConnections> stored;
    private final LongSupplier nanoTime;
    private final Map<TenantConnection, OpenStored> openStored = new ConcurrentHashMap<>();

    private record TenantConnection(String tenantId, String connectionId) {
    }

    private record OpenStored(StoredConnections.Stored row, Connector connector, long checkedAt) {
    }

    @Inject
    public ConnectorPool(Config config) {
        this(ConnectionSpecs.fromConfig(config), Connectors::open, Optional.of(StoredConnections.fromConfig(config)),
                System::nanoTime);
    }

    public ConnectorPool(Map<String, ConnectionSpec> specs) {
        this(specs, Connectors::open);
    }

    ConnectorPool(Map<String, ConnectionSpec> specs, Function<ConnectionSpec, Connector> opener) {
        this(specs, opener, Optional.empty(), System::nanoTime);
    }

    ConnectorPool(Map<String, ConnectionSpec> specs, Function<ConnectionSpec, Connector> opener,
                  Optional<StoredConnections> stored, LongSupplier nanoTime) {
        this.specs = Map.copyOf(new TreeMap<>(specs));
        this.opener = opener;
        this.stored = stored;
        this.nanoTime = nanoTime;
    }

    /** The configured connection with this id, else the tenant's stored one. */
    public Connector connector(String tenantId, String id) {
        if (has(id)) {
            return connector(id);
        }
        return storedConnector(tenantId, id)
                .orElseThrow(() -> new UnknownConnectionException(id, ids()))
                .connector();
    }

    /** Whether the id is configured or one of the tenant's live stored connections. */
    public boolean has(String tenantId, String id) {
        return has(id) || storedConnector(tenantId, id).isPresent();
    }

    public Engine engine(String tenantId, String id) {
        if (has(id)) {
            return engine(id);
        }
        return storedConnector(tenantId, id)
                .orElseThrow(() -> new UnknownConnectionException(id, ids()))
                .row().spec().engine();
    }

    private Optional<OpenStored> storedConnector(String tenantId, String id) {
        if (stored.isEmpty() || tenantId == null || id == null) {
            return Optional.empty();
        }
        TenantConnection key = new TenantConnection(tenantId, id);
        long now = nanoTime.getAsLong();
        OpenStored current = openStored.get(key);
        if (current != null && now - current.checkedAt() < STORED_RECHECK.toNanos()) {
            return Optional.of(current);
        }
        synchronized (openStored) {
            current = openStored.get(key);
            if (current != null && now - current.checkedAt() < STORED_RECHECK.toNanos()) {
                return Optional.of(current);
            }
            Optional<StoredConnections.Stored> row = stored.get().find(tenantId, id);
            if (current != null && row.isPresent() && row.get().updatedAt().equals(current.row().updatedAt())) {
                OpenStored rechecked = new OpenStored(current.row(), current.connector(), now);
                openStored.put(key, rechecked);
                return Optional.of(rechecked);
            }
            if (current != null) {
                openStored.remove(key);
                current.connector().close();
            }
            if (row.isEmpty()) {
                return Optional.empty();
            }
            OpenStored opened = new OpenStored(row.get(), opener.apply(row.get().spec()), now);
            openStored.put(key, opened);
            return Optional.of(opened);
        }
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

    /** The sentence a question on a connection this pool cannot resolve fails with. */
    public String unknownMessage(String connectionId) {
        return "Unknown connection '" + connectionId + "'; configured: "
                + (ids().isEmpty() ? "none" : String.join(", ", ids())) + ".";
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
        List<Connector> connectors = new ArrayList<>();
        for (String id : List.copyOf(open.keySet())) {
            connectors.add(open.remove(id));
        }
        synchronized (openStored) {
            openStored.values().forEach(o -> connectors.add(o.connector()));
            openStored.clear();
        }
        for (Connector connector : connectors) {
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
