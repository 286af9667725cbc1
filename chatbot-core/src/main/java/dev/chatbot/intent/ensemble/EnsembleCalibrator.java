package dev.chatbot.intent.ensemble;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits the ensemble on held-out calibration samples: a temperature per member (minimum negative
 * log-likelihood), then member weights (best held-out accuracy, ties broken by log-likelihood).
 */
public final class EnsembleCalibrator {

    private static final int TEMPERATURE_STEPS = 36;
    private static final int WEIGHT_STEPS = 10;

    private EnsembleCalibrator() {}

    public static List<MemberCalibration> fit(List<String> families, List<CalibrationSample> samples) {
        List<CalibrationSample> known =
                samples.stream().filter(s -> !s.unknown()).toList();
        if (known.isEmpty()) {
            List<MemberCalibration> equal = new ArrayList<>();
            families.forEach(f -> equal.add(new MemberCalibration(f, 1.0, 1.0)));
            return equal;
        }
        double[] temperatures = new double[families.size()];
        for (int m = 0; m < families.size(); m++) {
            temperatures[m] = bestTemperature(known, m);
        }
        double[] weights = bestWeights(known, temperatures);
        List<MemberCalibration> out = new ArrayList<>();
        for (int m = 0; m < families.size(); m++) {
            out.add(new MemberCalibration(families.get(m), temperatures[m], weights[m]));
        }
        return out;
    }

    private static double bestTemperature(List<CalibrationSample> known, int member) {
        double best = 1.0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int i = 0; i < TEMPERATURE_STEPS; i++) {
            double t = Math.exp(Math.log(0.1) + i * (Math.log(10.0) - Math.log(0.1)) / (TEMPERATURE_STEPS - 1));
            double loss = 0;
            for (CalibrationSample s : known) {
                double[] p = ProbabilityCombiner.scale(s.memberProbabilities().get(member), t);
                loss -= Math.log(Math.max(p[s.trueIndex()], 1e-12));
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = t;
            }
        }
        return best;
    }

    private static double[] bestWeights(List<CalibrationSample> known, double[] temperatures) {
        int members = temperatures.length;
        double[] best = new double[members];
        java.util.Arrays.fill(best, 1.0);
        if (members == 1) {
            return best;
        }
        List<double[]> candidates = new ArrayList<>();
        enumerate(new double[members], 0, WEIGHT_STEPS, candidates);
        double bestAccuracy = -1;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double[] w : candidates) {
            List<MemberCalibration> c = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                c.add(new MemberCalibration("m" + m, temperatures[m], w[m]));
            }
            int correct = 0;
            double loss = 0;
            for (CalibrationSample s : known) {
                double[] p = ProbabilityCombiner.combine(s.memberProbabilities(), c);
                if (ProbabilityCombiner.argmax(p) == s.trueIndex()) {
                    correct++;
                }
                loss -= Math.log(Math.max(p[s.trueIndex()], 1e-12));
            }
            double accuracy = correct / (double) known.size();
            if (accuracy > bestAccuracy + 1e-9 || (Math.abs(accuracy - bestAccuracy) <= 1e-9 && loss < bestLoss)) {
                bestAccuracy = accuracy;
                bestLoss = loss;
                best = w;
            }
        }
        return best;
    }

    private static void enumerate(double[] current, int index, int remaining, List<double[]> out) {
        if (index == current.length - 1) {
            current[index] = remaining / (double) WEIGHT_STEPS;
            out.add(current.clone());
            return;
        }
        for (int k = 0; k <= remaining; k++) {
            current[index] = k / (double) WEIGHT_STEPS;
            enumerate(current, index + 1, remaining - k, out);
        }
    }
}
