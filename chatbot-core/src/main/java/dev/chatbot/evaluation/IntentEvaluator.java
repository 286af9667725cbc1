package dev.chatbot.evaluation;

import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.IntentPrediction;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.intent.TrainingProgress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates any {@link IntentClassifier} on labelled rows. Rows labelled with the out-of-scope label are
 * messages the bot should escalate. A prediction whose top intent is the out-of-scope label also counts
 * as an escalation. Classification runs one message at a time on the calling thread, so the latency
 * figures are single-message latencies.
 */
public final class IntentEvaluator {

    private static final int MAX_CONFUSIONS = 20;

    private final IntentName oosLabel;

    /** @param oosLabel label of out-of-scope rows, or {@code null} when the test set has none */
    public IntentEvaluator(IntentName oosLabel) {
        this.oosLabel = oosLabel;
    }

    public EvaluationReport evaluate(IntentClassifier classifier, List<Example> rows, TrainingProgress progress) {
        List<IntentPrediction> predictions = new ArrayList<>(rows.size());
        long[] latencies = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            long start = System.nanoTime();
            predictions.add(classifier.classify(rows.get(i).text()));
            latencies[i] = (System.nanoTime() - start) / 1000;
            if ((i + 1) % 500 == 0 || i + 1 == rows.size()) {
                progress.report("evaluating: " + (i + 1) + "/" + rows.size() + " messages");
            }
        }
        return report(classifier.version(), rows, predictions, latencies);
    }

    EvaluationReport report(String version, List<Example> rows, List<IntentPrediction> predictions, long[] latencies) {
        double threshold = predictions.isEmpty() ? 0 : predictions.get(0).threshold();
        int inScope = 0;
        int oos = 0;
        int closedRight = 0;
        int answered = 0;
        int answeredRight = 0;
        int oosEscalated = 0;
        int inScopeAnswered = 0;
        Map<String, int[]> counts = new TreeMap<>(); // tp, fp, fn, support
        Map<String, Integer> confusions = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            IntentName truth = rows.get(i).intent();
            IntentPrediction p = predictions.get(i);
            boolean isOos = truth.equals(oosLabel);
            boolean escalated = !answers(p);
            if (isOos) {
                oos++;
                if (escalated) {
                    oosEscalated++;
                } else {
                    answered++;
                }
                continue;
            }
            inScope++;
            IntentName closed = closedSetTop(p);
            boolean right = closed.equals(truth);
            counts.computeIfAbsent(truth.value(), k -> new int[4])[3]++;
            if (right) {
                closedRight++;
                counts.get(truth.value())[0]++;
            } else {
                counts.computeIfAbsent(closed.value(), k -> new int[4])[1]++;
                counts.get(truth.value())[2]++;
                confusions.merge(truth.value() + "\u0000" + closed.value(), 1, Integer::sum);
            }
            if (!escalated) {
                answered++;
                inScopeAnswered++;
                if (p.intent().equals(truth)) {
                    answeredRight++;
                }
            }
        }
        Map<String, EvaluationReport.IntentScore> perIntent = new TreeMap<>();
        double f1Sum = 0;
        int f1Count = 0;
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            double precision = c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
            double recall = c[0] + c[2] == 0 ? 0 : c[0] / (double) (c[0] + c[2]);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perIntent.put(
                    e.getKey(), new EvaluationReport.IntentScore(round(precision), round(recall), round(f1), c[3]));
            if (c[3] > 0) {
                f1Sum += f1;
                f1Count++;
            }
        }
        List<EvaluationReport.Confusion> topConfusions = confusions.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_CONFUSIONS)
                .map(e -> {
                    String[] parts = e.getKey().split("\u0000");
                    return new EvaluationReport.Confusion(parts[0], parts[1], e.getValue());
                })
                .toList();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new EvaluationReport(
                rows.size(),
                inScope,
                oos,
                round(ratio(closedRight, inScope)),
                round(f1Count == 0 ? 0 : f1Sum / f1Count),
                round(threshold),
                round(ratio(inScopeAnswered, inScope)),
                round(answered == 0 ? 1.0 : answeredRight / (double) answered),
                round(ratio(answeredRight, inScope)),
                oos == 0 ? null : round(oosEscalated / (double) oos),
                perIntent,
                topConfusions,
                version,
                new EvaluationReport.Latency(percentile(sorted, 0.50), percentile(sorted, 0.99)),
                tradeOff(rows, predictions));
    }

    private List<EvaluationReport.CurvePoint> tradeOff(List<Example> rows, List<IntentPrediction> predictions) {
        List<EvaluationReport.CurvePoint> out = new ArrayList<>();
        for (int step = 0; step <= 20; step++) {
            double t = step / 20.0;
            int inScope = 0;
            int inAnswered = 0;
            int answered = 0;
            int right = 0;
            int oos = 0;
            int oosEscalated = 0;
            for (int i = 0; i < rows.size(); i++) {
                IntentPrediction p = predictions.get(i);
                boolean answers = !p.intent().equals(oosLabel) && p.confidence() >= t;
                boolean isOos = rows.get(i).intent().equals(oosLabel);
                if (isOos) {
                    oos++;
                    if (answers) {
                        answered++;
                    } else {
                        oosEscalated++;
                    }
                } else {
                    inScope++;
                    if (answers) {
                        answered++;
                        inAnswered++;
                        if (p.intent().equals(rows.get(i).intent())) {
                            right++;
                        }
                    }
                }
            }
            out.add(new EvaluationReport.CurvePoint(
                    t,
                    round(ratio(inAnswered, inScope)),
                    round(answered == 0 ? 1.0 : right / (double) answered),
                    oos == 0 ? null : round(oosEscalated / (double) oos)));
        }
        return out;
    }

    private boolean answers(IntentPrediction p) {
        return p.confident() && !p.intent().equals(oosLabel);
    }

    private IntentName closedSetTop(IntentPrediction p) {
        return p.ranked().stream()
                .map(ScoredIntent::intent)
                .filter(n -> !n.equals(oosLabel))
                .findFirst()
                .orElse(p.intent());
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : a / (double) b;
    }

    private static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static Comparator<ScoredIntent> byScore() {
        return Comparator.comparingDouble(ScoredIntent::score).reversed();
    }
}
