package dev.chatbot.bench.engine;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.embedding.onnx.OnnxSentenceEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sentence embeddings of every distinct text of some CSV files, computed once and kept in a file outside the
 * repository, so that engine experiments do not pay for encoding again. Usage:
 * {@code EmbeddingCache <encoder name> <out file> <file.csv>...}.
 */
public final class EmbeddingCache {

    private EmbeddingCache() {}

    public static void main(String[] args) throws Exception {
        OnnxSentenceEncoder.Spec spec = OnnxSentenceEncoder.Spec.byName(args[0]).orElseThrow();
        Path out = Path.of(args[1]);
        Set<String> texts = new LinkedHashSet<>();
        for (int a = 2; a < args.length; a++) {
            for (Example e : CsvExamples.read(Path.of(args[a])).examples()) {
                texts.add(e.text().strip());
            }
        }
        Map<String, float[]> existing = Files.exists(out) ? read(out) : new HashMap<>();
        List<String> todo = texts.stream().filter(t -> !existing.containsKey(t)).toList();
        System.out.printf("%s: %d texts, %d to encode%n", spec.encoderName(), texts.size(), todo.size());
        try (OnnxSentenceEncoder encoder = new OnnxSentenceEncoder(spec)) {
            long start = System.nanoTime();
            for (int from = 0; from < todo.size(); from += 1000) {
                List<String> chunk = todo.subList(from, Math.min(todo.size(), from + 1000));
                List<float[]> vectors = encoder.encodeAll(chunk, 2);
                for (int i = 0; i < chunk.size(); i++) {
                    existing.put(chunk.get(i), vectors.get(i));
                }
                System.out.printf(
                        "  %d/%d in %.0f s%n", from + chunk.size(), todo.size(), (System.nanoTime() - start) / 1e9);
            }
        }
        write(out, existing);
        System.exit(0);
    }

    public static Map<String, float[]> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int n = in.readInt();
            int d = in.readInt();
            Map<String, float[]> out = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                String text = in.readUTF();
                float[] v = new float[d];
                for (int j = 0; j < d; j++) {
                    v[j] = in.readFloat();
                }
                out.put(text, v);
            }
            return out;
        }
    }

    static void write(Path file, Map<String, float[]> vectors) throws IOException {
        List<Map.Entry<String, float[]>> entries = new ArrayList<>(vectors.entrySet());
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(entries.size());
            out.writeInt(entries.isEmpty() ? 0 : entries.get(0).getValue().length);
            for (Map.Entry<String, float[]> e : entries) {
                out.writeUTF(e.getKey());
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
        }
    }
}
