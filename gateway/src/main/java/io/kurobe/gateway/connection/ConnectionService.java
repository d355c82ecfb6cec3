package io.kurobe.gateway.connection;

import io.kurobe.data.ConnectionSpec;
import io.kurobe.data.Engine;
import io.kurobe.data.stored.SecretBox;
import io.kurobe.gateway.auth.Caller;
import io.kurobe.gateway.problem.ErrorCode;
import io.kurobe.gateway.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tenant's connections: checked, their passwords sealed under the active key (and resealed under it whenever
 * a row is updated), opened only to test them. A password leaves this class only inside a {@link ConnectionSpec}
 * handed to the data plane.
 */
@ApplicationScoped
public class ConnectionService {
    static final int MAX_NAME = 200;
    static final int MAX_URL = 2000;
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)[?&;]password=");

    @Inject
    ConnectionStore store;

    @Inject
    SecretBox box;

    @Inject
    ConnectionTester tester;

    public Uni<ConnectionView> create(Caller caller, ConnectionRequest request) {
        if (request == null) {
            throw invalid("Send a JSON body: {\"name\": \"...\", \"engine\": \"postgres\", \"jdbcUrl\": \"jdbc:postgresql://...\", "
                    + "\"user\": \"...\", \"password\": \"...\"}.");
        }
        UUID id = UUID.randomUUID();
        Engine engine = engine(request.engine());
        String url = checkedUrl(engine, required(request.jdbcUrl(), "jdbcUrl"));
        String name = checkedName(required(request.name(), "name"));
        String password = request.password() == null || request.password().isEmpty() ? null : request.password();
        SecretBox.Sealed sealed = password == null ? null : box.seal(password, StoredConnection.sealingContext(id));
        return store.insert(new StoredConnection(id, caller.tenantId(), name, engine, url, blankToNull(request.user()),
                        sealed, null, null))
                .onFailure(ConnectionStore::nameTaken).transform(e -> nameTaken(name))
                .map(ConnectionView::of);
    }

    public Uni<List<ConnectionView>> list(Caller caller) {
        return store.list(caller.tenantId()).map(all -> all.stream().map(ConnectionView::of).toList());
    }

    public Uni<ConnectionView> get(Caller caller, UUID id) {
        return store.find(caller.tenantId(), id).map(found -> ConnectionView.of(found.orElseThrow(() -> notFound(id))));
    }

    public Uni<ConnectionView> update(Caller caller, UUID id, ConnectionRequest request) {
        if (request == null) {
            throw invalid("Send a JSON body with the fields to change.");
        }
        return store.update(caller.tenantId(), id, current -> merged(current, request))
                .onFailure(ConnectionStore::nameTaken).transform(e -> nameTaken(String.valueOf(request.name()).strip()))
                .map(found -> ConnectionView.of(found.orElseThrow(() -> notFound(id))));
    }

    public Uni<Void> delete(Caller caller, UUID id) {
        return store.delete(caller.tenantId(), id).map(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
            return null;
        });
    }

    public Uni<ConnectionTestResult> test(Caller caller, UUID id) {
        return spec(caller, id).chain(tester::test);
    }

    /** How the data plane reaches the tenant's live connection, password opened; 404 when there is none. */
    public Uni<ConnectionSpec> spec(Caller caller, UUID id) {
        return store.find(caller.tenantId(), id).map(found -> {
            StoredConnection c = found.orElseThrow(() -> notFound(id));
            String password = c.password() == null ? null : box.open(c.password(), StoredConnection.sealingContext(id));
            return new ConnectionSpec(id.toString(), c.engine(), c.jdbcUrl(), c.user(), password);
        });
    }

    /** Whether the tenant has a live stored connection with this id (a configured id such as "demo" is not one). */
    public Uni<Boolean> exists(Caller caller, String connectionId) {
        Optional<UUID> id = uuid(connectionId);
        if (id.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return store.find(caller.tenantId(), id.get()).map(Optional::isPresent);
    }

    StoredConnection merged(StoredConnection current, ConnectionRequest request) {
        Engine engine = request.engine() == null ? current.engine() : engine(request.engine());
        String url = checkedUrl(engine, request.jdbcUrl() == null ? current.jdbcUrl() : required(request.jdbcUrl(), "jdbcUrl"));
        String name = request.name() == null ? current.name() : checkedName(required(request.name(), "name"));
        String user = request.user() == null ? current.user() : blankToNull(request.user());
        String context = StoredConnection.sealingContext(current.id());
        SecretBox.Sealed password;
        if (request.password() != null) {
            password = request.password().isEmpty() ? null : box.seal(request.password(), context);
        } else if (current.password() == null || current.password().keyId().equals(box.activeKeyId())) {
            password = current.password();
        } else {
            password = box.seal(box.open(current.password(), context), context);
        }
        return new StoredConnection(current.id(), current.tenantId(), name, engine, url, user, password,
                current.createdAt(), current.updatedAt());
    }

    static Engine engine(String name) {
        if (name == null || name.isBlank()) {
            throw invalid("Name the engine in 'engine': duckdb, postgres or trino.");
        }
        String normalized = name.strip().toLowerCase(Locale.ROOT);
        for (Engine engine : Engine.values()) {
            if (engine.dialect().equals(normalized)) {
                return engine;
            }
        }
        throw new ProblemException(ErrorCode.UNKNOWN_ENGINE,
                "There is no engine '" + name.strip() + "'; known: " + Arrays.stream(Engine.values())
                        .map(Engine::dialect).collect(Collectors.joining(", ")) + ".");
    }

    static String checkedUrl(Engine engine, String url) {
        String prefix = urlPrefix(engine);
        if (!url.startsWith(prefix)) {
            throw invalid("A " + engine.dialect() + " connection's jdbcUrl starts with '" + prefix + "'.");
        }
        if (url.length() > MAX_URL) {
            throw invalid("The jdbcUrl has " + url.length() + " characters; at most " + MAX_URL + " are accepted.");
        }
        if (PASSWORD_IN_URL.matcher(url).find()) {
            throw invalid("Put the password in the 'password' field, not in the jdbcUrl: the URL is shown to "
                    + "everyone who can list the connections.");
        }
        return url;
    }

    private static String urlPrefix(Engine engine) {
        return switch (engine) {
            case DUCKDB -> "jdbc:duckdb:";
            case POSTGRES -> "jdbc:postgresql:";
            case TRINO -> "jdbc:trino:";
            case SQLITE -> "jdbc:sqlite:";
        };
    }

    private static String checkedName(String name) {
        if (name.length() > MAX_NAME) {
            throw invalid("The name has " + name.length() + " characters; at most " + MAX_NAME + " are accepted.");
        }
        return name;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid("The '" + field + "' field is required.");
        }
        return value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Optional<UUID> uuid(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static ProblemException notFound(Object id) {
        return new ProblemException(ErrorCode.CONNECTION_NOT_FOUND,
                "There is no connection " + id + " for this API key's tenant.");
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(ErrorCode.CONNECTION_NAME_TAKEN, "This tenant already has a connection named '"
                + name + "'; names are unique among a tenant's connections: choose another, or rename or delete that one.");
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ErrorCode.CONNECTION_INVALID, detail);
    }
}
