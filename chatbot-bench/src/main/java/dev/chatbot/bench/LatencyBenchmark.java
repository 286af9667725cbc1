package dev.chatbot.bench;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.model.LoadedModel;
import dev.chatbot.model.ModelIo;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Single-message classification latency (1 thread, after warm-up, HdrHistogram) and throughput on 1, 2 and 3
 * threads over a fixed time (3: one per core plus one, as the server classifies on 2 cores).
 * Usage: {@code LatencyBenchmark <model dir> <messages.csv> [seconds per run]}.
 */
public final class LatencyBenchmark {

    public static void main(String[] args) throws Exception {
        long loadStart = System.nanoTime();
        LoadedModel model = ModelIo.load(Path.of(args[0]));
        System.out.printf(
                "model %s loaded in %d ms; %s%n",
                model.manifest().version(), (System.nanoTime() - loadStart) / 1_000_000, Memory.describe());
        List<String> messages = CsvExamples.read(Path.of(args[1])).examples().stream()
                .map(Example::text)
                .toList();
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        IntentClassifier classifier = model.classifier();

        int warmup = Math.max(2000, messages.size());
        for (int i = 0; i < warmup; i++) {
            classifier.classify(messages.get(i % messages.size()));
        }
        Histogram h = new Histogram(3_600_000_000L, 3);
        int samples = Math.max(3000, messages.size());
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            classifier.classify(messages.get(i % messages.size()));
            h.recordValue((System.nanoTime() - t) / 1000);
        }
        System.out.printf(
                "latency (1 thread, %d messages, microseconds): p50 %d, p90 %d, p99 %d, p99.9 %d, max %d%n",
                samples,
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9),
                h.getMaxValue());
        for (int threads : new int[] {1, 2, 3}) {
            double rate = throughput(classifier, messages, threads, seconds);
            System.out.printf(
                    "throughput (%d thread%s, %d s): %.0f messages/s%n",
                    threads, threads == 1 ? "" : "s", seconds, rate);
        }
        System.out.println("memory: " + Memory.describe());
        System.exit(0);
    }

    static double throughput(IntentClassifier classifier, List<String> messages, int threads, int seconds)
            throws InterruptedException {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] workers = new Thread[threads];
        for (int w = 0; w < threads; w++) {
            int offset = w * 7919;
            workers[w] = new Thread(() -> {
                int i = offset;
                while (!stop.get()) {
                    classifier.classify(messages.get(i++ % messages.size()));
                    done.increment();
                }
            });
        }
        long start = System.nanoTime();
        for (Thread t : workers) {
            t.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }
}
