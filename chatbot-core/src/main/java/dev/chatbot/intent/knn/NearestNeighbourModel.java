package dev.chatbot.intent.knn;

import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.MemberScores;
import dev.chatbot.intent.ProbabilityModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Nearest neighbours over normalised sentence embeddings: each intent scores the mean cosine similarity
 * of its {@code k} most similar training messages, and a softmax at a fixed sharpness turns the scores
 * into probabilities (the ensemble recalibrates the sharpness). Immutable and thread-safe.
 */
public final class NearestNeighbourModel implements ProbabilityModel {

    public static final String FAMILY = "embedding-knn";
    static final String FILE = "knn-embeddings.bin";
    private static final int MAGIC = 0x4b4e4e31;
    static final double SHARPNESS = 20.0;
    /** How many of an intent's most similar examples its neighbourhood density averages. */
    public static final int NEIGHBOURHOOD = 10;

    /** Rows per block of the similarity scan: its scores stay in the first-level cache. */
    private static final int BLOCK = 256;

    private final LabelSet labels;
    private final float[][] vectors;
    /**
     * The same vectors in blocks of {@link #BLOCK} rows, each block stored dimension after dimension, so that the
     * scan is a run of multiply-adds over contiguous rows that the JIT turns into vector instructions (a dot product
     * per row is a sequential sum it cannot vectorise).
     */
    private final float[] blocks;

    private final int dimension;
    private final int[] classes;
    private final int k;

    NearestNeighbourModel(LabelSet labels, float[][] vectors, int[] classes, int k) {
        this.labels = labels;
        this.vectors = vectors;
        this.classes = classes;
        this.k = k;
        this.dimension = vectors.length == 0 ? 0 : vectors[0].length;
        int blockCount = (vectors.length + BLOCK - 1) / BLOCK;
        this.blocks = new float[blockCount * BLOCK * dimension];
        for (int i = 0; i < vectors.length; i++) {
            int base = (i / BLOCK) * BLOCK * dimension + (i % BLOCK);
            for (int d = 0; d < dimension; d++) {
                blocks[base + d * BLOCK] = vectors[i][d];
            }
        }
    }

    public static NearestNeighbourModel load(Path directory, LabelSet labels, int embeddingDimension)
            throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing (the nearest-neighbour model)");
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not a nearest-neighbour model file");
            }
            int k = in.readInt();
            int n = in.readInt();
            int dimension = in.readInt();
            if (dimension != embeddingDimension || n < 0 || k < 1) {
                throw new IOException(file + ": holds " + dimension + "-dimensional vectors, the encoder gives "
                        + embeddingDimension);
            }
            float[][] vectors = new float[n][dimension];
            int[] classes = new int[n];
            for (int i = 0; i < n; i++) {
                classes[i] = in.readInt();
                if (classes[i] < 0 || classes[i] >= labels.size()) {
                    throw new IOException(file + ": intent index " + classes[i] + " out of range");
                }
                for (int d = 0; d < dimension; d++) {
                    vectors[i][d] = in.readFloat();
                }
            }
            return new NearestNeighbourModel(labels, vectors, classes, k);
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": truncated", e);
        }
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public LabelSet labels() {
        return labels;
    }

    @Override
    public double[] probabilities(EncodedText text) {
        return scores(text).probabilities();
    }

    /**
     * One scan over the training embeddings: the probabilities from each intent's {@code k} most similar examples,
     * and the neighbourhood, each intent's mean similarity over its {@link #NEIGHBOURHOOD} most similar examples (a
     * wider window than {@code k}: a density around the message, which tells a rephrased known question from a
     * neighbouring topic better than the single nearest example).
     */
    @Override
    public MemberScores scores(EncodedText text) {
        float[] q = text.embedding();
        int classCount = labels.size();
        int window = Math.max(k, NEIGHBOURHOOD);
        double[][] best = new double[classCount][window];
        for (double[] row : best) {
            java.util.Arrays.fill(row, -2.0);
        }
        float[] similarity = new float[BLOCK];
        for (int start = 0; start < vectors.length; start += BLOCK) {
            java.util.Arrays.fill(similarity, 0f);
            int base = (start / BLOCK) * BLOCK * dimension;
            for (int d = 0; d < dimension; d++) {
                float qd = q[d];
                int offset = base + d * BLOCK;
                for (int r = 0; r < BLOCK; r++) {
                    similarity[r] += blocks[offset + r] * qd;
                }
            }
            int rows = Math.min(BLOCK, vectors.length - start);
            for (int r = 0; r < rows; r++) {
                double dot = similarity[r];
                double[] top = best[classes[start + r]];
                if (dot > top[window - 1]) {
                    int j = window - 1;
                    while (j > 0 && top[j - 1] < dot) {
                        top[j] = top[j - 1];
                        j--;
                    }
                    top[j] = dot;
                }
            }
        }
        double[] p = new double[classCount];
        double[] neighbourhood = new double[classCount];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classCount; c++) {
            p[c] = mean(best[c], k) * SHARPNESS;
            neighbourhood[c] = mean(best[c], NEIGHBOURHOOD);
            max = Math.max(max, p[c]);
        }
        double total = 0;
        for (int c = 0; c < classCount; c++) {
            p[c] = Math.exp(p[c] - max);
            total += p[c];
        }
        for (int c = 0; c < classCount; c++) {
            p[c] /= total;
        }
        return new MemberScores(p, neighbourhood);
    }

    /** Mean of the first {@code n} filled entries (-1 when the intent has no examples at all). */
    private static double mean(double[] sortedBest, int n) {
        double sum = 0;
        int used = 0;
        for (int j = 0; j < n && j < sortedBest.length; j++) {
            if (sortedBest[j] > -2.0) {
                sum += sortedBest[j];
                used++;
            }
        }
        return used == 0 ? -1.0 : sum / used;
    }

    @Override
    public void save(Path directory) throws IOException {
        try (DataOutputStream out = new DataOutputStream(
                new java.io.BufferedOutputStream(Files.newOutputStream(directory.resolve(FILE))))) {
            out.writeInt(MAGIC);
            out.writeInt(k);
            out.writeInt(vectors.length);
            out.writeInt(vectors.length == 0 ? 0 : vectors[0].length);
            for (int i = 0; i < vectors.length; i++) {
                out.writeInt(classes[i]);
                for (float f : vectors[i]) {
                    out.writeFloat(f);
                }
            }
        }
    }
}
