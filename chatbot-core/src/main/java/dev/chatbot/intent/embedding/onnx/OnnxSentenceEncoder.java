package dev.chatbot.intent.embedding.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.chatbot.intent.embedding.SentenceEncoder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** ONNX Runtime adapter for BERT-style sentence encoders whose weights ship inside langchain4j jars. */
public final class OnnxSentenceEncoder implements SentenceEncoder {

    /** A known encoder: its name in manifests, its classpath resources, pooling and dimension. */
    public enum Spec {
        /** all-MiniLM-L6-v2, quantised: 6 layers, mean pooling. */
        MINILM_L6_V2_Q(
                "all-MiniLM-L6-v2-q",
                "all-minilm-l6-v2-q.onnx",
                "all-minilm-l6-v2-q-tokenizer.json",
                PoolingMode.MEAN,
                384,
                ""),
        /** bge-small-en-v1.5, quantised: 12 layers, the CLS token's state (its trained pooling). */
        BGE_SMALL_EN_V15_Q(
                "bge-small-en-v1.5-q",
                "bge-small-en-v1.5-q.onnx",
                "bge-small-en-v1.5-q-tokenizer.json",
                PoolingMode.CLS,
                384,
                ""),
        /** e5-small-v2, quantised: 12 layers, mean pooling, trained with a "query: " prefix on short queries. */
        E5_SMALL_V2_Q(
                "e5-small-v2-q",
                "e5-small-v2-q.onnx",
                "e5-small-v2-q-tokenizer.json",
                PoolingMode.MEAN,
                384,
                "query: ");

        final String encoderName;
        final String model;
        final String tokenizer;
        final PoolingMode pooling;
        final int dimension;
        final String prefix;

        Spec(String encoderName, String model, String tokenizer, PoolingMode pooling, int dimension, String prefix) {
            this.encoderName = encoderName;
            this.model = model;
            this.tokenizer = tokenizer;
            this.pooling = pooling;
            this.dimension = dimension;
            this.prefix = prefix;
        }

        public String encoderName() {
            return encoderName;
        }

        public static java.util.Optional<Spec> byName(String name) {
            for (Spec s : values()) {
                if (s.encoderName.equals(name)) {
                    return java.util.Optional.of(s);
                }
            }
            return java.util.Optional.empty();
        }
    }

    private final Spec spec;
    private final OrtSession session;
    private final SingleThreadModel model;

    /**
     * Loads the encoder with one intra-op thread per call, so callers parallelise at their own level
     * instead of ONNX Runtime's pool competing with them.
     */
    public OnnxSentenceEncoder(Spec spec) {
        this.spec = spec;
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(readResource(spec.model), options);
            try (InputStream tokenizer = resource(spec.tokenizer)) {
                this.model = new SingleThreadModel(
                        new OnnxBertBiEncoder(environment, session, tokenizer, spec.pooling), spec.dimension);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start the sentence encoder: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sentence encoder from the classpath", e);
        }
    }

    @Override
    public float[] encode(String text) {
        Embedding embedding = model.embed(TextSegment.from(spec.prefix + (text.isEmpty() ? " " : text)))
                .content();
        return embedding.vector();
    }

    @Override
    public List<float[]> encodeAll(List<String> texts, int threads) {
        if (threads <= 1 || texts.size() < 2) {
            return texts.stream().map(this::encode).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "encoder");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<float[]>> futures = new ArrayList<>(texts.size());
            for (String text : texts) {
                futures.add(pool.submit(() -> encode(text)));
            }
            List<float[]> out = new ArrayList<>(texts.size());
            for (Future<float[]> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("encoding failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public int dimension() {
        return spec.dimension;
    }

    @Override
    public String name() {
        return spec.encoderName;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the sentence encoder", e);
        }
    }

    private static byte[] readResource(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = OnnxSentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " is not on the classpath");
        }
        return in;
    }

    /** Runs each embedding on the calling thread; parallelism is the caller's business. */
    private static final class SingleThreadModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;
        private final int dimension;

        SingleThreadModel(OnnxBertBiEncoder encoder, int dimension) {
            super(Runnable::run);
            this.encoder = encoder;
            this.dimension = dimension;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return dimension;
        }
    }
}
