package io.kurobe.generation.icl;

import io.kurobe.model.EventJson;
import io.kurobe.model.InvalidEventException;
import io.kurobe.model.MatchedValue;
import io.kurobe.model.QueryExample;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The ICL generator's examples, per tenant and connection, as read from the compacted topic {@code examples}:
 * each held with its masked question's embedding and its SQL skeleton, computed once on arrival. A record with a
 * value adds or replaces the example of its key; one without (a tombstone) removes it.
 */
@Singleton
public class ExampleStore {
    /** One example with what ranking compares. */
    record Held(String key, QueryExample example, float[] vector, String masked, List<String> skeleton) {
    }

    /** An example and how near it is to the question: overall, by question and by SQL skeleton (NaN without a draft). */
    public record Ranked(QueryExample example, double score, double question, double skeleton) {
    }

    private record Connection(String tenantId, String connectionId) {
    }

    private final Function<String, float[]> embedder;
    private final Map<String, Held> byKey = new ConcurrentHashMap<>();
    private final Map<Connection, Map<String, Held>> byConnection = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    @Inject
    public ExampleStore() {
        this(new MiniLm());
    }

    /** {@code embedder} gives a text's unit vector. */
    public ExampleStore(Function<String, float[]> embedder) {
        this.embedder = embedder;
    }

    /**
     * Applies one record of the topic: a tombstone ({@code value} null) removes the example of {@code key}; a value
     * must be a {@link QueryExample} whose own key is {@code key}.
     *
     * @return true when the store changed
     * @throws InvalidEventException when the value is not such an example (the message never quotes the value)
     */
    public boolean apply(String key, String value) {
        if (value == null) {
            return key != null && remove(key);
        }
        QueryExample example;
        try {
            example = EventJson.read(value, QueryExample.class);
        } catch (InvalidEventException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            throw new InvalidEventException(message.contains("not valid JSON") ? "QueryExample: not valid JSON" : message);
        }
        if (!example.key().equals(key)) {
            throw new InvalidEventException("QueryExample: the record key is not tenantId/connectionId/exampleId of its value");
        }
        put(example);
        return true;
    }

    /** Adds or replaces an example (embedding its masked question). */
    public void put(QueryExample example) {
        String masked = ExampleText.maskQuestion(example.question(), List.of());
        Held held = new Held(example.key(), example, embedder.apply(masked), masked, ExampleText.skeleton(example.sql()));
        synchronized (this) {
            Held before = byKey.put(held.key(), held);
            if (before != null) {
                drop(before);
            }
            byConnection.computeIfAbsent(connection(example), c -> new ConcurrentHashMap<>()).put(held.key(), held);
        }
    }

    /** Removes the example of a record key; false when there was none (compaction may repeat a tombstone). */
    public synchronized boolean remove(String key) {
        Held held = byKey.remove(key);
        if (held == null) {
            return false;
        }
        drop(held);
        return true;
    }

    private void drop(Held held) {
        Connection connection = connection(held.example());
        Map<String, Held> examples = byConnection.get(connection);
        if (examples != null) {
            examples.remove(held.key());
            if (examples.isEmpty()) {
                byConnection.remove(connection);
            }
        }
    }

    /** Whether an example with this record key is held. */
    public boolean has(String key) {
        return byKey.containsKey(key);
    }

    public int size() {
        return byKey.size();
    }

    public int connections() {
        return byConnection.size();
    }

    public int count(String tenantId, String connectionId) {
        Map<String, Held> examples = byConnection.get(new Connection(tenantId, connectionId));
        return examples == null ? 0 : examples.size();
    }

    /** Whether the topic has been read up to where it ended when reading started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    void caughtUp(boolean value) {
        caughtUp = value;
    }

    /**
     * The {@code k} examples of this tenant and connection nearest the question: by the cosine of the masked
     * questions' embeddings, and with a draft SQL also by skeleton similarity, weighted {@code questionWeight} to
     * {@code 1 - questionWeight}. Examples with the same masked question and skeleton count once.
     */
    public List<Ranked> nearest(String tenantId, String connectionId, String question, List<MatchedValue> values,
                                String draftSql, int k, double questionWeight) {
        Map<String, Held> examples = byConnection.get(new Connection(tenantId, connectionId));
        if (examples == null || examples.isEmpty() || k <= 0) {
            return List.of();
        }
        float[] asked = embedder.apply(ExampleText.maskQuestion(question, values));
        List<String> draft = draftSql == null ? null : ExampleText.skeleton(draftSql);
        List<Ranked> ranked = new ArrayList<>();
        for (Held held : List.copyOf(examples.values())) {
            double q = cosine(asked, held.vector());
            double s = draft == null ? Double.NaN : ExampleText.skeletonSimilarity(draft, held.skeleton());
            double score = draft == null ? q : questionWeight * q + (1 - questionWeight) * s;
            ranked.add(new Ranked(held.example(), score, q, s));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
                .thenComparing(r -> r.example().createdAt(), Comparator.reverseOrder())
                .thenComparing(r -> r.example().exampleId()));
        List<Ranked> chosen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Ranked r : ranked) {
            Held held = examples.get(r.example().key());
            String shape = (held == null ? r.example().question() : held.masked()) + "\n"
                    + (held == null ? r.example().sql() : String.join(" ", held.skeleton()));
            if (seen.add(shape)) {
                chosen.add(r);
            }
            if (chosen.size() == k) {
                break;
            }
        }
        return chosen;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private static Connection connection(QueryExample example) {
        return new Connection(example.tenantId(), example.connectionId());
    }
}
