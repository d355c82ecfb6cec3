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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Embeds questions and schemas with all-MiniLM-L6-v2, run in this process (ONNX; the model ships inside its jar,
 * nothing is downloaded). A schema's embeddings are computed once per fingerprint and kept in memory, and every
 * text's vector is kept too, so a schema that changes a little, or repeats tables under several schemas,
 * only embeds what is new. The model is loaded on first use: a schema small enough to be linked whole never loads it.
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

    /** The schema's embeddings, computed on the first call for its fingerprint. */
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
            int before = byText.size();
            index = EmbeddingIndex.build(snapshot, this::embedAll);
            synchronized (bySchema) {
                bySchema.put(key, index);
            }
            LOG.infof("embedded schema %s: %d tables, %d columns (%d new texts) in %d ms", snapshot.dbId(),
                    snapshot.tables().size(), index.columnCount(), Math.max(0, byText.size() - before),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return index;
    }

    /** The question's unit vector. */
    float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    private List<float[]> embedAll(List<String> texts) {
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
