package dev.chatbot.intent.ensemble;

import java.util.List;

/**
 * The in-scope score: how likely an answer with the predicted intent is right, from the ensemble's probability
 * <em>and</em> how the message sits in the predicted intent's neighbourhood of training examples. A logistic model
 * over three features of the predicted intent {@code c}:
 * <ol>
 *   <li>{@code logit(p_c)}, the ensemble's calibrated probability;</li>
 *   <li>{@code n_c}, the mean cosine similarity to the intent's closest training examples (its density);</li>
 *   <li>{@code n_c - max n_other}, how far that neighbourhood stands out from every other intent's;</li>
 *   <li>optionally, minus the relative Mahalanobis distance to the nearest intent in the DL4J network's hidden
 *       layer, a representation trained on the shop's own intents.</li>
 * </ol>
 * A message phrased oddly but close to the intent's examples keeps a high score; a neighbouring topic that the
 * FAQ does not cover, which the probability alone often answers confidently, lies in no intent's neighbourhood and
 * scores low. Fitted on calibration messages (held-out in-scope ones and simulated or real unknowns), weighted to
 * the assumed out-of-scope share. Immutable.
 *
 * @param weights the three or four feature weights, in the order above
 * @param bias the intercept
 */
public record InScopeGate(List<Double> weights, double bias) {

    static final int BASIC = 3;
    static final int WITH_DISTANCE = 4;
    private static final double EPSILON = 1e-6;
    private static final double RIDGE = 1e-3;
    private static final int NEWTON_STEPS = 50;

    public InScopeGate {
        weights = List.copyOf(weights);
        if ((weights.size() != BASIC && weights.size() != WITH_DISTANCE)
                || weights.stream().anyMatch(w -> !Double.isFinite(w))
                || !Double.isFinite(bias)) {
            throw new IllegalArgumentException(
                    "an in-scope gate needs " + BASIC + " or " + WITH_DISTANCE + " finite weights and a finite bias");
        }
    }

    /** True when the gate reads the hidden-layer distance (which the model must then provide). */
    public boolean usesDistance() {
        return weights.size() == WITH_DISTANCE;
    }

    /**
     * The probability that answering with intent {@code top} is right.
     *
     * @param distance the relative Mahalanobis distance (used only by a gate with four weights; NaN scores 0 then)
     */
    public double score(double[] probabilities, double[] neighbourhood, double distance, int top) {
        double[] f = features(probabilities, neighbourhood, distance, top, weights.size());
        if (f == null) {
            return 0;
        }
        double z = bias;
        for (int i = 0; i < f.length; i++) {
            z += weights.get(i) * f[i];
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** The features, or null when a four-feature gate gets no distance. */
    static double[] features(double[] probabilities, double[] neighbourhood, double distance, int top, int count) {
        if (count == WITH_DISTANCE && !Double.isFinite(distance)) {
            return null;
        }
        double p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[top]));
        double other = -1.0;
        for (int c = 0; c < neighbourhood.length; c++) {
            if (c != top) {
                other = Math.max(other, neighbourhood[c]);
            }
        }
        double[] basic = {Math.log(p / (1 - p)), neighbourhood[top], neighbourhood[top] - other};
        return count == WITH_DISTANCE ? new double[] {basic[0], basic[1], basic[2], -distance} : basic;
    }

    /**
     * Weighted logistic regression (Newton's method with a small ridge) of "answering was right" on the features.
     *
     * @param features one row per calibration message
     * @param right whether answering that message with its predicted intent would have been right
     * @param weights each message's weight
     */
    static InScopeGate fit(List<double[]> features, List<Boolean> right, List<Double> weights) {
        int count = features.get(0).length;
        int d = count + 1;
        double[] beta = new double[d];
        // standardise for a well-conditioned Newton step; undone at the end
        double[] mean = new double[count];
        double[] scale = new double[count];
        double total = 0;
        for (int i = 0; i < features.size(); i++) {
            total += weights.get(i);
            for (int j = 0; j < count; j++) {
                mean[j] += weights.get(i) * features.get(i)[j];
            }
        }
        for (int j = 0; j < count; j++) {
            mean[j] /= total;
        }
        for (int i = 0; i < features.size(); i++) {
            for (int j = 0; j < count; j++) {
                double x = features.get(i)[j] - mean[j];
                scale[j] += weights.get(i) * x * x;
            }
        }
        for (int j = 0; j < count; j++) {
            scale[j] = Math.sqrt(scale[j] / total);
            if (!(scale[j] > 1e-9)) {
                scale[j] = 1;
            }
        }
        for (int step = 0; step < NEWTON_STEPS; step++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < features.size(); i++) {
                double[] x = row(features.get(i), mean, scale, count);
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += beta[j] * x[j];
                }
                double p = 1.0 / (1.0 + Math.exp(-z));
                double w = weights.get(i) / total;
                double residual = (right.get(i) ? 1 : 0) - p;
                for (int j = 0; j < d; j++) {
                    gradient[j] += w * residual * x[j];
                    for (int k = 0; k < d; k++) {
                        hessian[j][k] += w * p * (1 - p) * x[j] * x[k];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                gradient[j] -= RIDGE * beta[j];
                hessian[j][j] += RIDGE;
            }
            double[] delta = solve(hessian, gradient);
            double change = 0;
            for (int j = 0; j < d; j++) {
                beta[j] += delta[j];
                change = Math.max(change, Math.abs(delta[j]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        Double[] w = new Double[count];
        double bias = beta[count];
        for (int j = 0; j < count; j++) {
            w[j] = beta[j] / scale[j];
            bias -= beta[j] * mean[j] / scale[j];
        }
        return new InScopeGate(List.of(w), bias);
    }

    private static double[] row(double[] f, double[] mean, double[] scale, int count) {
        double[] x = new double[count + 1];
        for (int j = 0; j < count; j++) {
            x[j] = (f[j] - mean[j]) / scale[j];
        }
        x[count] = 1;
        return x;
    }

    /** Gaussian elimination with partial pivoting; the matrix is small and positive definite. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
