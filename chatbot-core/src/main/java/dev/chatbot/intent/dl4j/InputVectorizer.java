package dev.chatbot.intent.dl4j;

import dev.chatbot.intent.EncodedText;
import java.util.List;

/**
 * Builds the network's dense input: the sentence embedding (when present) followed by L2-normalised
 * hashed word unigrams and bigrams. Deterministic and thread-safe.
 */
record InputVectorizer(int embeddingDimension, int hashBuckets) {

    int width() {
        return embeddingDimension + hashBuckets;
    }

    float[] vectorize(EncodedText text) {
        float[] v = new float[width()];
        float[] e = text.embedding();
        if (embeddingDimension > 0) {
            if (e.length != embeddingDimension) {
                throw new IllegalArgumentException(
                        "embedding has " + e.length + " dimensions, the network expects " + embeddingDimension);
            }
            System.arraycopy(e, 0, v, 0, embeddingDimension);
        }
        if (hashBuckets > 0) {
            List<String> tokens = text.tokens();
            String previous = "<s>";
            for (String token : tokens) {
                add(v, token);
                add(v, previous + "_" + token);
                previous = token;
            }
            double norm = 0;
            for (int i = embeddingDimension; i < v.length; i++) {
                norm += v[i] * v[i];
            }
            if (norm > 0) {
                float inv = (float) (1.0 / Math.sqrt(norm));
                for (int i = embeddingDimension; i < v.length; i++) {
                    v[i] *= inv;
                }
            }
        }
        return v;
    }

    private void add(float[] v, String feature) {
        int h = murmurMix(feature.hashCode());
        int bucket = Math.floorMod(h, hashBuckets);
        v[embeddingDimension + bucket] += 1f;
    }

    private static int murmurMix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
