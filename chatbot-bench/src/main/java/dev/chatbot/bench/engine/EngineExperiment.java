package dev.chatbot.bench.engine;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.data.TrainingData;
import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.MemberScores;
import dev.chatbot.intent.ProbabilityModel;
import dev.chatbot.intent.ProbabilityModelTrainer;
import dev.chatbot.intent.dl4j.Dl4jIntentTrainer;
import dev.chatbot.intent.ensemble.EnsembleIntentClassifier;
import dev.chatbot.intent.ensemble.ProbabilityCombiner;
import dev.chatbot.intent.knn.NearestNeighbourTrainer;
import dev.chatbot.intent.opennlp.MaxentIntentTrainer;
import dev.chatbot.training.IntentEngine;
import dev.chatbot.training.IntentModelTrainer;
import dev.chatbot.training.TextEncoding;
import dev.chatbot.training.TrainedModel;
import dev.chatbot.training.TrainingSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Trains the engine on cached embeddings (see {@link EmbeddingCache}) and reports, per labelled set, closed-set
 * accuracy (ensemble and each member), how well each score tells in-scope from out-of-scope rows (AUROC), what the
 * calibrated threshold realizes at a 35% out-of-scope mix, and the best any threshold could do there. Usage:
 * {@code EngineExperiment <train.csv> <cache.bin[,cache.bin...]> <set.csv>...}; options as system properties:
 * {@code share} (0.35), {@code target} (0.95), {@code members} (maxent,dl4j,knn), {@code hidden} (512),
 * {@code epochs} (30), {@code groups} (3), {@code chars} (false: character n-grams in maxent too).
 */
public final class EngineExperiment {

    private static final IntentName OOS = IntentName.of("out_of_scope");
    static final double MIX = 0.35;

    public static void main(String[] args) throws Exception {
        TrainingData train = CsvExamples.read(Path.of(args[0]));
        CachedEncoder encoder = CachedEncoder.of(args[1]);
        double share = Double.parseDouble(System.getProperty("share", "0.35"));
        double target = Double.parseDouble(System.getProperty("target", "0.95"));
        List<ProbabilityModelTrainer> trainers = new ArrayList<>();
        for (String m : System.getProperty("members", "maxent,dl4j,knn").split(",")) {
            trainers.add(
                    switch (m) {
                        case "maxent" ->
                            new MaxentIntentTrainer(
                                    IntentEngine.MAXENT_ITERATIONS,
                                    IntentEngine.MAXENT_L2,
                                    2,
                                    Boolean.getBoolean("chars"));
                        case "dl4j" ->
                            new Dl4jIntentTrainer(new Dl4jIntentTrainer.Settings(
                                    0,
                                    Integer.getInteger("hidden", 512),
                                    Integer.getInteger("epochs", 30),
                                    256,
                                    3e-3,
                                    1e-4,
                                    0.6,
                                    42L));
                        case "knn" -> new NearestNeighbourTrainer(IntentEngine.NEIGHBOURS);
                        default -> throw new IllegalArgumentException(m);
                    });
        }
        TrainingSettings settings =
                TrainingSettings.defaults().withOosShare(share).withTargetPrecision(target);
        settings = new TrainingSettings(
                settings.targetPrecision(),
                settings.oosShare(),
                Integer.getInteger("groups", 3),
                settings.holdoutShare(),
                settings.calibrationCap(),
                settings.rejectLabel(),
                2,
                settings.seed());
        long start = System.nanoTime();
        TrainedModel model = new IntentModelTrainer(IntentEngine.pipeline(), encoder, trainers)
                .train(train, settings, m -> {
                    if (!m.startsWith("encoding") && !m.startsWith("dl4j: epoch")) {
                        System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, m);
                    }
                });
        EnsembleIntentClassifier c = model.classifier();
        System.out.printf(
                Locale.ROOT,
                "encoder %s, members %s, gate %s, threshold %.4f, trained in %.0f s%n",
                encoder.name(),
                System.getProperty("members", "maxent,dl4j,knn"),
                c.gate(),
                c.threshold(),
                (System.nanoTime() - start) / 1e9);
        for (int a = 2; a < args.length; a++) {
            report(c, Path.of(args[a]));
        }
        System.exit(0);
    }

    static void report(EnsembleIntentClassifier c, Path file) throws Exception {
        List<Example> rows = CsvExamples.read(file).examples();
        List<EncodedText> encoded = new TextEncoding(c.pipeline(), c.encoder(), 1)
                .encodeAll(rows.stream().map(Example::text).toList(), m -> {});
        int n = rows.size();
        int members = c.members().size();
        int[] memberRight = new int[members];
        boolean[] in = new boolean[n];
        boolean[] right = new boolean[n];
        double[] prob = new double[n];
        double[] gate = new double[n];
        double[] density = new double[n];
        double[] distance = new double[n];
        double[] agreement = new double[n];
        double[][] memberTop = new double[members][n];
        int inCount = 0;
        int closedRight = 0;
        for (int i = 0; i < n; i++) {
            IntentName truth = rows.get(i).intent();
            in[i] = !truth.equals(OOS);
            List<double[]> perMember = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                ProbabilityModel member = c.members().get(m);
                MemberScores s = member.scores(encoded.get(i));
                perMember.add(ProbabilityCombiner.scale(
                        s.probabilities(), c.calibrations().get(m).temperature()));
                if (in[i]
                        && c.labelSet()
                                .get(ProbabilityCombiner.argmax(s.probabilities()))
                                .equals(truth)) {
                    memberRight[m]++;
                }
            }
            EnsembleIntentClassifier.Scores s = c.scores(encoded.get(i));
            int top = ProbabilityCombiner.argmax(s.probabilities());
            agreement[i] = 1;
            for (int m = 0; m < members; m++) {
                memberTop[m][i] = perMember.get(m)[top];
                if (c.calibrations().get(m).weight() > 0) {
                    agreement[i] = Math.min(agreement[i], perMember.get(m)[top]);
                }
            }
            prob[i] = s.probabilities()[top];
            density[i] = s.neighbourhood() == null ? 0 : s.neighbourhood()[top];
            distance[i] = Double.isNaN(s.distance()) ? 0 : -s.distance();
            gate[i] = c.predict(encoded.get(i)).confidence();
            right[i] = in[i] && c.labelSet().get(top).equals(truth);
            if (in[i]) {
                inCount++;
                closedRight += right[i] ? 1 : 0;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "%s: %d rows (%d in scope); closed-set accuracy %.4f",
                file.getFileName(),
                n,
                inCount,
                closedRight / (double) inCount));
        for (int m = 0; m < members; m++) {
            sb.append(String.format(
                    Locale.ROOT, ", %s %.4f", c.members().get(m).family(), memberRight[m] / (double) inCount));
        }
        System.out.println(sb);
        if (inCount == n) {
            Point at = at(gate, in, right, c.threshold(), 0);
            System.out.printf(
                    Locale.ROOT,
                    "  at threshold %.4f: coverage %.4f, precision %.4f, in-scope accuracy %.4f%n",
                    c.threshold(),
                    at.coverage,
                    at.precision,
                    at.inScopeAccuracy);
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "  AUROC in vs out: probability %.4f, gate %.4f, density %.4f, -distance %.4f, "
                        + "least member probability %.4f%n",
                auroc(prob, in),
                auroc(gate, in),
                auroc(density, in),
                auroc(distance, in),
                auroc(agreement, in));
        StringBuilder m = new StringBuilder("  AUROC of each member's probability of the top intent:");
        for (int k = 0; k < members; k++) {
            m.append(String.format(Locale.ROOT, " %s %.4f", c.members().get(k).family(), auroc(memberTop[k], in)));
        }
        System.out.println(m);
        Point at = at(gate, in, right, c.threshold(), MIX);
        System.out.printf(
                Locale.ROOT,
                "  at threshold %.4f (35%% mix): precision %.4f, in-scope accuracy %.4f, oos recall %.4f,"
                        + " balance %.4f%n",
                c.threshold(),
                at.precision,
                at.inScopeAccuracy,
                at.oosRecall,
                at.balance());
        for (double p : new double[] {0.90, 0.95}) {
            Point best = null;
            for (double t : thresholds(gate)) {
                Point q = at(gate, in, right, t, MIX);
                if (q.precision >= p && (best == null || q.balance() > best.balance())) {
                    best = q;
                }
            }
            if (best != null) {
                System.out.printf(
                        Locale.ROOT,
                        "  oracle at precision >= %.2f: threshold %.4f, in-scope accuracy %.4f, "
                                + "oos recall %.4f, balance %.4f%n",
                        p,
                        best.threshold,
                        best.inScopeAccuracy,
                        best.oosRecall,
                        best.balance());
            }
        }
    }

    record Point(double threshold, double coverage, double precision, double inScopeAccuracy, double oosRecall) {
        double balance() {
            return (inScopeAccuracy + oosRecall) / 2;
        }
    }

    static double[] thresholds(double[] scores) {
        double[] s = scores.clone();
        Arrays.sort(s);
        double[] out = new double[201];
        for (int i = 0; i <= 200; i++) {
            out[i] = s[Math.min(s.length - 1, (int) ((long) i * (s.length - 1) / 200))];
        }
        return out;
    }

    /** Operating point at threshold t with out-of-scope rows reweighted to the given share (0: as they are). */
    static Point at(double[] score, boolean[] in, boolean[] right, double t, double mix) {
        double nIn = 0, nOut = 0, answeredIn = 0, rightIn = 0, answeredOut = 0;
        for (int i = 0; i < score.length; i++) {
            boolean answered = score[i] >= t;
            if (in[i]) {
                nIn++;
                answeredIn += answered ? 1 : 0;
                rightIn += answered && right[i] ? 1 : 0;
            } else {
                nOut++;
                answeredOut += answered ? 1 : 0;
            }
        }
        double cov = answeredIn / nIn;
        double acc = rightIn / nIn;
        double outRate = nOut == 0 ? 0 : answeredOut / nOut;
        double s = nOut == 0 ? 0 : mix;
        double denominator = (1 - s) * cov + s * outRate;
        double precision = denominator == 0 ? 1 : (1 - s) * acc / denominator;
        return new Point(t, cov, precision, acc, 1 - outRate);
    }

    static double auroc(double[] score, boolean[] positive) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(score[x], score[y]));
        double rankSum = 0;
        long pos = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSum += rank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = score.length - pos;
        return pos == 0 || neg == 0 ? Double.NaN : (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }
}
