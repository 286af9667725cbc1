package dev.chatbot.bench.engine;

import dev.chatbot.intent.embedding.SentenceEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sentence encoder that looks texts up in {@link EmbeddingCache} files and joins the views of several encoders
 * into one unit vector (each view weighs alike). For experiments only: a text missing from the caches is an error.
 */
public final class CachedEncoder implements SentenceEncoder {

    private final List<Map<String, float[]>> views;
    private final String name;
    private final int dimension;

    public CachedEncoder(List<Path> files) throws java.io.IOException {
        this.views = new ArrayList<>();
        int d = 0;
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            Map<String, float[]> view = EmbeddingCache.read(f);
            views.add(view);
            d += view.values().iterator().next().length;
            names.add(f.getFileName().toString().replace(".bin", ""));
        }
        this.dimension = d;
        this.name = String.join("+", names);
    }

    public static CachedEncoder of(String spec) throws java.io.IOException {
        List<Path> files = new ArrayList<>();
        for (String s : spec.split(",")) {
            files.add(Path.of(s));
        }
        return new CachedEncoder(files);
    }

    @Override
    public float[] encode(String text) {
        String key = text.strip();
        float[] out = new float[dimension];
        int at = 0;
        float scale = (float) (1 / Math.sqrt(views.size()));
        for (Map<String, float[]> view : views) {
            float[] v = view.get(key);
            if (v == null) {
                throw new IllegalArgumentException("not in the embedding cache: '" + key + "'");
            }
            for (int i = 0; i < v.length; i++) {
                out[at + i] = v[i] * scale;
            }
            at += v.length;
        }
        return out;
    }

    @Override
    public List<float[]> encodeAll(List<String> texts, int threads) {
        return texts.stream().map(this::encode).toList();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {}
}
