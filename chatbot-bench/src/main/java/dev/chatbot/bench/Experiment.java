package dev.chatbot.bench;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.data.TrainingData;
import dev.chatbot.evaluation.EvaluationReport;
import dev.chatbot.evaluation.IntentEvaluator;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ProbabilityModelTrainer;
import dev.chatbot.intent.dl4j.Dl4jIntentTrainer;
import dev.chatbot.intent.embedding.onnx.OnnxSentenceEncoder;
import dev.chatbot.intent.opennlp.MaxentIntentTrainer;
import dev.chatbot.intent.opennlp.OpenNlpTextPipeline;
import dev.chatbot.training.IntentModelTrainer;
import dev.chatbot.training.TrainedModel;
import dev.chatbot.training.TrainingSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Scratch experiment: train on a CSV, evaluate on another, print the headline numbers. */
public final class Experiment {
    public static void main(String[] args) throws Exception {
        TrainingData train = CsvExamples.read(Path.of(args[0]));
        TrainingData test = CsvExamples.read(Path.of(args[1]));
        int epochs = Integer.getInteger("epochs", 40);
        int buckets = Integer.getInteger("buckets", 4096);
        int hidden = Integer.getInteger("hidden", 512);
        double retain = Double.parseDouble(System.getProperty("retain", "0.6"));
        double l2 = Double.parseDouble(System.getProperty("l2", "1e-4"));
        double lr = Double.parseDouble(System.getProperty("lr", "1e-3"));
        double maxentL2 = Double.parseDouble(System.getProperty("maxentL2", "0.5"));
        int groups = Integer.getInteger("groups", 3);
        String members = System.getProperty("members", "maxent,dl4j");
        long t0 = System.nanoTime();
        OnnxSentenceEncoder encoder = new OnnxSentenceEncoder(OnnxSentenceEncoder.Spec.valueOf(System.getProperty("encoder", "MINILM_L6_V2_Q")));
        System.out.printf("encoder loaded in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        List<ProbabilityModelTrainer> trainers = new ArrayList<>();
        if (members.contains("maxent")) {
            trainers.add(new MaxentIntentTrainer(Integer.getInteger("maxentIter", 150), maxentL2, 2, Boolean.parseBoolean(System.getProperty("chars", "true"))));
        }
        if (members.contains("dl4j")) {
            trainers.add(new Dl4jIntentTrainer(new Dl4jIntentTrainer.Settings(buckets, hidden, epochs, Integer.getInteger("batch", 32), lr, l2, retain, 42)));
        }
        if (members.contains("knn")) {
            trainers.add(new dev.chatbot.intent.knn.NearestNeighbourTrainer(Integer.getInteger("k", 3)));
        }
        IntentModelTrainer trainer = new IntentModelTrainer(new OpenNlpTextPipeline(true), encoder, trainers);
        TrainingSettings s = TrainingSettings.defaults();
        s = new TrainingSettings(s.targetPrecision(), s.oosShare(), groups, s.holdoutShare(), Integer.getInteger("cap", 4000), null, 2, 42);
        long start = System.nanoTime();
        TrainedModel model = trainer.train(train, s, msg -> System.out.printf("[%5.1fs] %s%n", (System.nanoTime() - start) / 1e9, msg));
        EvaluationReport r = new IntentEvaluator(IntentName.of(System.getProperty("oos", "out_of_scope")))
                .evaluate(model.classifier(), test.examples(), m -> { });
        System.out.printf("RESULT accuracy=%.4f macroF1=%.4f threshold=%.3f coverage=%.3f answeredPrecision=%.4f oosRecall=%s p50=%dus p99=%dus train=%ds%n",
                r.accuracy(), r.macroF1(), r.threshold(), r.coverage(), r.answeredPrecision(), r.oosRecall(),
                r.latencyMicros().p50(), r.latencyMicros().p99(), model.duration().toSeconds());
        for (var m : model.classifier().members()) {
            // per-member closed-set accuracy on the test set
            int right = 0;
            int n = 0;
            for (var e : test.examples()) {
                if (!model.classifier().labelSet().contains(e.intent())) continue;
                double[] p = m.probabilities(model.classifier().encode(e.text()));
                if (dev.chatbot.intent.ensemble.ProbabilityCombiner.argmax(p) == model.classifier().labelSet().indexOf(e.intent())) right++;
                n++;
            }
            System.out.printf("MEMBER %s accuracy=%.4f%n", m.family(), right / (double) n);
        }
        encoder.close();
        System.exit(0);
    }
}
