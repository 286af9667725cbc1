package dev.chatbot.intent.ensemble;

import java.util.List;

/** Temperature scaling and weighted averaging of per-family probability vectors. Stateless. */
public final class ProbabilityCombiner {

    private static final double FLOOR = 1e-12;

    private ProbabilityCombiner() {}

    /** Rescales a probability vector as softmax(log(p) / temperature). */
    public static double[] scale(double[] p, double temperature) {
        double[] out = new double[p.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.length; i++) {
            out[i] = Math.log(Math.max(p[i], FLOOR)) / temperature;
            max = Math.max(max, out[i]);
        }
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(out[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** Weighted mean of the members' temperature-scaled probabilities (weights need not sum to 1). */
    public static double[] combine(List<double[]> memberProbabilities, List<MemberCalibration> calibrations) {
        int n = memberProbabilities.get(0).length;
        double[] out = new double[n];
        double total = 0;
        for (int m = 0; m < memberProbabilities.size(); m++) {
            MemberCalibration c = calibrations.get(m);
            if (c.weight() == 0) {
                continue;
            }
            double[] scaled = scale(memberProbabilities.get(m), c.temperature());
            for (int i = 0; i < n; i++) {
                out[i] += c.weight() * scaled[i];
            }
            total += c.weight();
        }
        for (int i = 0; i < n; i++) {
            out[i] /= total;
        }
        return out;
    }

    public static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
