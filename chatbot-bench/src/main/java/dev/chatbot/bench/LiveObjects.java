package dev.chatbot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts live instances of chosen classes in another JVM with {@code jcmd <pid> GC.class_histogram} (which runs a
 * full collection first, so only reachable objects are counted) and reads the heap in use right after it
 * ({@code GC.heap_info}). The full collection pauses that JVM: call it when no traffic is measured.
 */
final class LiveObjects {

    /** One instance of each per loaded model: their counts show whether a replaced model was released. */
    static final List<String> PER_MODEL = List.of(
            "dev.chatbot.intent.ensemble.EnsembleIntentClassifier",
            "dev.chatbot.intent.opennlp.MaxentIntentModel",
            "dev.chatbot.intent.dl4j.Dl4jIntentModel",
            "dev.chatbot.intent.knn.NearestNeighbourModel");
    /**
     * Also counted: OpenNLP models (one per maxent member, held by its categorizers too), DL4J networks (each model's
     * own plus its copies for concurrent callers), the shared encoder.
     */
    static final List<String> COUNTED = List.of(
            PER_MODEL.get(0),
            PER_MODEL.get(1),
            "opennlp.tools.doccat.DoccatModel",
            PER_MODEL.get(2),
            "org.deeplearning4j.nn.multilayer.MultiLayerNetwork",
            PER_MODEL.get(3),
            "dev.chatbot.intent.embedding.onnx.OnnxSentenceEncoder");

    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

    /** Live instances per class, the heap used and committed after the collection, and resident memory, in MB. */
    record Census(Map<String, Long> instances, long heapUsedMb, long heapCommittedMb, long residentMb) {
        String describe() {
            StringBuilder sb = new StringBuilder();
            instances.forEach((name, n) -> sb.append(name.substring(name.lastIndexOf('.') + 1))
                    .append(' ')
                    .append(n)
                    .append(", "));
            return sb + "heap used after full GC " + heapUsedMb + " MB (committed " + heapCommittedMb
                    + " MB), resident " + residentMb + " MB";
        }

        /** No more model objects alive than in {@code earlier}. */
        boolean noMoreModelsThan(Census earlier) {
            return PER_MODEL.stream()
                    .allMatch(c -> instances.get(c) <= earlier.instances().get(c));
        }
    }

    private LiveObjects() {}

    static Census count(long pid) throws IOException, InterruptedException {
        String histogram = jcmd(pid, "GC.class_histogram");
        Map<String, Long> instances = new LinkedHashMap<>();
        for (String name : COUNTED) {
            instances.put(name, 0L);
        }
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && instances.containsKey(f[3])) {
                instances.put(f[3], Long.parseLong(f[1]));
            }
        }
        Matcher heap = HEAP.matcher(jcmd(pid, "GC.heap_info"));
        boolean found = heap.find();
        return new Census(
                instances,
                found ? Long.parseLong(heap.group(2)) >> 10 : -1,
                found ? Long.parseLong(heap.group(1)) >> 10 : -1,
                ServerWatch.residentMb(pid));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}
