package io.kurobe.generation.icl;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Unit vectors of texts by all-MiniLM-L6-v2, run in-process (ONNX; the model ships in the jar and loads on the
 * first text). Recent texts are remembered, so a question asked again (a refine round) is not embedded twice.
 */
public final class MiniLm implements Function<String, float[]> {
    private static final Logger LOG = Logger.getLogger(MiniLm.class);
    private static final int MAX_TEXTS = 10_000;

    private final Map<String, float[]> byText = new ConcurrentHashMap<>();
    private volatile EmbeddingModel model;

    @Override
    public float[] apply(String text) {
        float[] known = byText.get(text);
        if (known != null) {
            return known;
        }
        float[] vector = unit(model().embed(text).content().vector());
        if (byText.size() >= MAX_TEXTS) {
            byText.clear();
        }
        byText.put(text, vector);
        return vector;
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

    static float[] unit(float[] vector) {
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
