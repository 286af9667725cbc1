package dev.chatbot.bench;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.data.TrainingData;
import dev.chatbot.evaluation.EvaluationReport;
import dev.chatbot.evaluation.IntentEvaluator;
import dev.chatbot.evaluation.ReportFormat;
import dev.chatbot.intent.opennlp.StockDoccatBaseline;
import dev.chatbot.training.IntentEngine;
import dev.chatbot.training.TrainedModel;
import dev.chatbot.training.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trains the full engine and stock OpenNLP doccat (default settings) on the same train split, in the same
 * run, and evaluates both on the test split. Usage: {@code Banking77Benchmark <train.csv> <test.csv> [out dir]}.
 */
public final class Banking77Benchmark {

    public static void main(String[] args) throws Exception {
        TrainingData train = CsvExamples.read(Path.of(args[0]));
        TrainingData test = CsvExamples.read(Path.of(args[1]));
        Path out = Path.of(args.length > 2 ? args[2] : "target/bench");
        Files.createDirectories(out);
        long start = System.nanoTime();
        System.out.println("== baseline: stock OpenNLP doccat, default settings");
        long t0 = System.nanoTime();
        StockDoccatBaseline baseline = StockDoccatBaseline.train(train.examples());
        double baselineSeconds = (System.nanoTime() - t0) / 1e9;
        EvaluationReport base = new IntentEvaluator(null).evaluate(baseline, test.examples(), m -> {});
        System.out.printf(
                "baseline: accuracy %.4f, macro F1 %.4f, training %.1f s%n",
                base.accuracy(), base.macroF1(), baselineSeconds);

        System.out.println("== engine: maxent + DL4J over MiniLM embeddings, calibrated");
        t0 = System.nanoTime();
        TrainedModel model = IntentEngine.trainer(Runtime.getRuntime().availableProcessors())
                .train(
                        train,
                        TrainingSettings.defaults(),
                        m -> System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, m));
        double engineSeconds = (System.nanoTime() - t0) / 1e9;
        String memoryAfterTraining = Memory.describe();
        EvaluationReport engine = new IntentEvaluator(null).evaluate(model.classifier(), test.examples(), m -> {});
        ReportFormat.writeJson(engine, out.resolve("banking77-engine.json"));
        ReportFormat.writeJson(base, out.resolve("banking77-baseline.json"));
        System.out.println();
        System.out.print(ReportFormat.table(engine));
        System.out.printf(
                "%nRESULT engine accuracy %.4f macroF1 %.4f (baseline %.4f / %.4f); threshold %.4f coverage %.4f "
                        + "answeredPrecision %.4f; training %.1f s (baseline %.1f s); latency p50 %d us p99 %d us; %s%n",
                engine.accuracy(),
                engine.macroF1(),
                base.accuracy(),
                base.macroF1(),
                engine.threshold(),
                engine.coverage(),
                engine.answeredPrecision(),
                engineSeconds,
                baselineSeconds,
                engine.latencyMicros().p50(),
                engine.latencyMicros().p99(),
                memoryAfterTraining);
        System.exit(0);
    }
}
