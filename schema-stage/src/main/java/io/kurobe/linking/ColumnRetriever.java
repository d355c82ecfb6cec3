package io.kurobe.linking;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.kurobe.data.SchemaSnapshot;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embeds questions and schemas with all-MiniLM-L6-v2, run in this process (ONNX; the model ships inside its jar,
 * nothing is downloaded). A schema's embeddings are computed once per fingerprint and kept in memory, and every
 * text's vector is kept too, so a schema that changes a little, or repeats tables under several schemas,
 * only embeds what is new. With an {@link EmbeddingStore} a schema's embeddings are also kept in Redis, so a
 * restarted or second replica reads them instead of embedding the schema again. The model is loaded on first use: a schema small enough to be linked whole never loads it.
 */
public final class ColumnRetriever {
    private static final Logger LOG = Logger.getLogger(ColumnRetriever.class);
    /** Texts whose vectors are kept; past this the text cache starts again empty. */
    static final int MAX_TEXTS = 200_000;
    /** Schemas whose indexes are kept, the least recently used dropped first. */
    static final int MAX_SCHEMAS = 16;
    private static final int BATCH = 64;

    private final Map<String, float[]> byText = new ConcurrentHashMap<>();
    private final Map<String, EmbeddingIndex> bySchema = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EmbeddingIndex> eldest) {
            return size() > MAX_SCHEMAS;
        }
    };
    private volatile EmbeddingModel model;
    private final EmbeddingStore store;
    private final AtomicLong schemaTextsEmbedded = new AtomicLong();

    /** Embeddings kept in this process's memory only. */
    public ColumnRetriever() {
        this(EmbeddingStore.NONE);
    }

    /** Embeddings kept in memory and, per schema, in the store (Redis) for restarts and other replicas. */
    public ColumnRetriever(EmbeddingStore store) {
        this.store = store;
    }

    /** Schema texts (tables and columns) this retriever had the model embed, questions not counted. */
    long schemaTextsEmbedded() {
        return schemaTextsEmbedded.get();
    }

    /** The schema's embeddings: from memory, else from the store, else computed, on the first call for its fingerprint. */
    EmbeddingIndex index(SchemaSnapshot snapshot) {
        String key = snapshot.dbId() + "@" + snapshot.fingerprint();
        synchronized (bySchema) {
            EmbeddingIndex cached = bySchema.get(key);
            if (cached != null) {
                return cached;
            }
        }
        long started = System.nanoTime();
        EmbeddingIndex index;
        synchronized (this) {
            // one schema embeds at a time: the model already uses every core
            synchronized (bySchema) {
                EmbeddingIndex cached = bySchema.get(key);
                if (cached != null) {
                    return cached;
                }
            }
            List<String> texts = EmbeddingIndex.texts(snapshot);
            String storeKey = store.enabled() ? EmbeddingStore.key(snapshot, texts) : null;
            Optional<EmbeddingIndex> stored = storeKey == null ? Optional.empty() : store.read(storeKey, snapshot);
            if (stored.isPresent()) {
                index = stored.get();
                LOG.infof("read the embeddings of schema %s (%d tables, %d columns) from Redis in %d ms",
                        snapshot.dbId(), snapshot.tables().size(), index.columnCount(),
                        (System.nanoTime() - started) / 1_000_000);
            } else {
                long before = schemaTextsEmbedded.get();
                index = EmbeddingIndex.build(snapshot, texts, batch -> embedAll(batch, schemaTextsEmbedded));
                boolean kept = storeKey != null && store.write(storeKey, index);
                LOG.infof("embedded schema %s: %d tables, %d columns (%d new texts) in %d ms%s", snapshot.dbId(),
                        snapshot.tables().size(), index.columnCount(), schemaTextsEmbedded.get() - before,
                        (System.nanoTime() - started) / 1_000_000, kept ? ", kept in Redis" : "");
            }
            synchronized (bySchema) {
                bySchema.put(key, index);
            }
        }
        return index;
    }

    /** The question's unit vector. */
    float[] embed(String text) {
        return embedAll(List.of(text), new AtomicLong()).get(0);
    }

    /** @param counted counts the texts the model embeds (those not already kept) */
    private List<float[]> embedAll(List<String> texts, AtomicLong counted) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String text : texts) {
            if (!byText.containsKey(text)) {
                wanted.add(text);
            }
        }
        List<String> missing = new ArrayList<>(wanted);
        if (byText.size() + missing.size() > MAX_TEXTS) {
            byText.clear();
        }
        for (int from = 0; from < missing.size(); from += BATCH) {
            List<String> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
            List<Embedding> vectors = model().embedAll(batch.stream().map(TextSegment::from).toList()).content();
            counted.addAndGet(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                byText.put(batch.get(i), unit(vectors.get(i).vector()));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            float[] vector = byText.get(text);
            out.add(vector != null ? vector : unit(model().embed(text).content().vector()));
        }
        return out;
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                if (model == null) {
                    long started = System.nanoTime();
                    model = new AllMiniLmL6V2EmbeddingModel();
                    LOG.infof("loaded the embedding model all-MiniLM-L6-v2 in %d ms", (System.nanoTime() - started) / 1_000_000);
                }
                loaded = model;
            }
        }
        return loaded;
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float[] out = vector.clone();
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < out.length; i++) {
                out[i] *= scale;
            }
        }
        return out;
    }
}
