package io.kurobe.linking;

import io.kurobe.data.Connector;
import io.kurobe.data.ConnectorPool;
import io.kurobe.data.QueryFailedException;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.mschema.MSchema;
import io.kurobe.llm.RoleModels;
import io.kurobe.model.IntentValidated;
import io.kurobe.model.MatchedValue;
import io.kurobe.model.SchemaLinked;
import io.kurobe.stage.Decision;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Links a question to its connection's schema: a small schema is linked whole with its full M-Schema, a large one
 * down to the tables and columns the question needs ({@link LinkingPolicy}); where a {@code schema-filter} model is
 * configured it then chooses among them ({@link SchemaFilter}). The question's words and phrases that are values of
 * the database, exactly or within a typo ({@link ValueIndex}), are passed on as matched values.
 */
@Singleton
public class SchemaLinker {
    private final ConnectorPool pool;
    private final SchemaCache cache;
    private final Clock clock;
    private final LinkingPolicy policy;
    private final SchemaFilter filter;

    @Inject
    public SchemaLinker(ConnectorPool pool, SchemaConfig config, LinkingConfig linking, RoleModels models,
                        RedisDataSource redis) {
        this(pool, config.cacheTtl(), Clock.systemUTC(), new LinkingPolicy(LinkingPolicy.Limits.of(linking),
                new ColumnRetriever(linking.embeddingsTtl().isZero() ? EmbeddingStore.NONE
                        : new EmbeddingStore(redis, linking.embeddingsTtl()))), models);
    }

    public SchemaLinker(ConnectorPool pool, Duration cacheTtl, Clock clock) {
        this(pool, cacheTtl, clock, new LinkingPolicy(LinkingPolicy.Limits.DEFAULTS, new ColumnRetriever()));
    }

    public SchemaLinker(ConnectorPool pool, Duration cacheTtl, Clock clock, LinkingPolicy policy) {
        this(pool, cacheTtl, clock, policy, null);
    }

    /** @param models the role models whose {@code schema-filter} role chooses columns; null for none */
    public SchemaLinker(ConnectorPool pool, Duration cacheTtl, Clock clock, LinkingPolicy policy, RoleModels models) {
        this.pool = pool;
        this.cache = new SchemaCache(cacheTtl, clock);
        this.clock = clock;
        this.policy = policy;
        this.filter = new SchemaFilter(models, policy);
    }

    public Decision<SchemaLinked> link(IntentValidated intent) {
        return link(intent, note -> { });
    }

    /** Links one question; {@code progress} hears the schema filter's fallbacks as they happen. */
    public Decision<SchemaLinked> link(IntentValidated intent, Consumer<String> progress) {
        String connectionId = intent.envelope().connectionId();
        String tenantId = intent.envelope().tenantId();
        if (!pool.has(tenantId, connectionId)) {
            return Decision.fail("UNKNOWN_CONNECTION", pool.unknownMessage(connectionId));
        }
        IntrospectedSchema schema;
        try {
            // a stored connection's id is only unique within its tenant
            String cacheKey = pool.has(connectionId) ? connectionId : tenantId + "/" + connectionId;
            schema = cache.get(cacheKey, key -> introspect(tenantId, connectionId));
        } catch (QueryFailedException e) {
            return Decision.fail("INTROSPECTION_FAILED", "Could not read the schema of connection '"
                    + connectionId + "': " + e.getMessage());
        }
        SchemaSnapshot snapshot = schema.snapshot();
        List<MatchedValue> values = schema.values().match(intent.standaloneQuestion());
        LinkingPolicy.Linking retrieved = policy.link(snapshot, schema.mschema(), intent.standaloneQuestion(), values);
        SchemaFilter.Filtered filtered = filter.filter(snapshot, retrieved, intent.standaloneQuestion(), values,
                intent.envelope().deadline(), progress);
        LinkingPolicy.Linking linking = filtered.linking();
        SchemaLinked linked = new SchemaLinked(intent.envelope().next(clock.instant()), intent.standaloneQuestion(),
                snapshot.engine().dialect(), linking.mschema(), linking.tables(), values,
                snapshot.fingerprint(), intent.options());
        return Decision.forward(linked, linking.summary() + filtered.note() + ", " + values.size() + " values matched")
                .withUsage(filtered.usage());
    }

    private IntrospectedSchema introspect(String tenantId, String connectionId) {
        Connector connector = pool.connector(tenantId, connectionId);
        SchemaSnapshot snapshot = connector.introspect();
        return new IntrospectedSchema(snapshot, MSchema.render(snapshot), ValueIndex.read(connector, snapshot));
    }
}
