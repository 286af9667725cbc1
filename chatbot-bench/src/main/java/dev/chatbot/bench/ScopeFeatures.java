package dev.chatbot.bench;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.data.TrainingData;
import dev.chatbot.evaluation.EvaluationReport;
import dev.chatbot.evaluation.IntentEvaluator;
import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.dl4j.Dl4jIntentModel;
import dev.chatbot.intent.ensemble.CalibrationSample;
import dev.chatbot.intent.ensemble.EnsembleIntentClassifier;
import dev.chatbot.intent.ensemble.ProbabilityCombiner;
import dev.chatbot.training.IntentEngine;
import dev.chatbot.training.TextEncoding;
import dev.chatbot.training.TrainedModel;
import dev.chatbot.training.TrainingSettings;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Trains the default engine and writes, for its calibration messages and for each given labelled set, the features
 * the in-scope score can use (top probability, neighbourhood density of the top intent and the best other one),
 * as CSV for analysis outside the build. Usage: {@code ScopeFeatures <train.csv> <oos share> <out dir> <set.csv>...}.
 */
public final class ScopeFeatures {

    public static void main(String[] args) throws Exception {
        TrainingData train = CsvExamples.read(Path.of(args[0]));
        double share = Double.parseDouble(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        long start = System.nanoTime();
        TrainedModel model = IntentEngine.trainer(2)
                .train(
                        train,
                        TrainingSettings.defaults().withOosShare(share),
                        m -> System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, m));
        EnsembleIntentClassifier c = model.classifier();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("calibration.csv")))) {
            w.println("p,n_top,n_other,dist,in_scope,right,weight");
            for (CalibrationSample s : model.calibration()) {
                double[] p = ProbabilityCombiner.combine(s.memberProbabilities(), c.calibrations());
                int top = ProbabilityCombiner.argmax(p);
                row(
                        w,
                        p,
                        s.neighbourhood(),
                        s.distance(),
                        top,
                        !s.unknown(),
                        !s.unknown() && top == s.trueIndex(),
                        s.weight());
            }
        }
        for (int a = 0; a < args.length; a++) {
            if (a == 1 || a == 2) {
                continue;
            }
            List<Example> rows = CsvExamples.read(Path.of(args[a])).examples();
            List<EncodedText> encoded = new TextEncoding(c.pipeline(), c.encoder(), 2)
                    .encodeAll(rows.stream().map(Example::text).toList(), m -> {});
            String name = Path.of(args[a]).getFileName().toString().replace(".csv", "");
            Dl4jIntentModel network = (Dl4jIntentModel) c.members().stream()
                    .filter(m -> m instanceof Dl4jIntentModel)
                    .findFirst()
                    .orElseThrow();
            try (DataOutputStream v =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out.resolve(name + ".vec"))))) {
                for (int i = 0; i < rows.size(); i++) {
                    v.writeInt(c.labelSet().indexOf(rows.get(i).intent()));
                    for (float f : encoded.get(i).embedding()) {
                        v.writeFloat(f);
                    }
                    for (float f : network.hidden(encoded.get(i))) {
                        v.writeFloat(f);
                    }
                }
            }
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve(name + ".csv")))) {
                w.println("p,n_top,n_other,dist,in_scope,right,weight");
                for (int i = 0; i < rows.size(); i++) {
                    EnsembleIntentClassifier.Scores s = c.scores(encoded.get(i));
                    int top = ProbabilityCombiner.argmax(s.probabilities());
                    IntentName truth = rows.get(i).intent();
                    boolean inScope = c.labelSet().contains(truth);
                    row(
                            w,
                            s.probabilities(),
                            s.neighbourhood(),
                            s.distance(),
                            top,
                            inScope,
                            inScope && c.labelSet().get(top).equals(truth),
                            1.0);
                }
            }
            EvaluationReport report = new IntentEvaluator(IntentName.of("out_of_scope")).evaluate(c, rows, m -> {});
            System.out.printf(
                    Locale.ROOT,
                    "%s: threshold %.4f, answered precision %.4f, in-scope accuracy %.4f, "
                            + "oos recall %s, accuracy %.4f%n",
                    name,
                    report.threshold(),
                    report.answeredPrecision(),
                    report.inScopeAccuracy(),
                    report.oosRecall(),
                    report.accuracy());
        }
        System.exit(0);
    }

    private static void row(
            PrintWriter w,
            double[] p,
            double[] n,
            double dist,
            int top,
            boolean inScope,
            boolean right,
            double weight) {
        double other = -1;
        for (int i = 0; i < n.length; i++) {
            if (i != top) {
                other = Math.max(other, n[i]);
            }
        }
        w.println(String.format(
                Locale.ROOT,
                "%.6f,%.6f,%.6f,%.4f,%d,%d,%.4f",
                p[top],
                n[top],
                other,
                dist,
                inScope ? 1 : 0,
                right ? 1 : 0,
                weight));
    }
}
