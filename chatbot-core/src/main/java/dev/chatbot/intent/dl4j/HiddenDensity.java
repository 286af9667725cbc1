package dev.chatbot.intent.dl4j;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Gaussians in the network's hidden layer: one mean per intent with a shared covariance, and one for all training
 * messages. The relative Mahalanobis distance of a message to the nearest intent (its distance to that intent minus
 * its distance to the whole training set) tells a near miss from a known question better than the probability: the
 * hidden layer was trained on the shop's own intents, so it separates them more sharply than the pretrained
 * encoder's space. The distance is given in standard units of the training messages' own distances, so that models
 * trained on more or fewer examples (the calibration models and the final one) speak the same scale. Immutable and
 * thread-safe.
 * Over 250 lines: the fit, its file form and the small linear algebra it needs (an inverse), with no matrix library.
 */
final class HiddenDensity {

    private static final double RIDGE = 1e-3;
    private static final int MAGIC = 0x48444e31;

    private final double[][] precisionTimesMean; // P·mu_c
    private final double[] meanTerm; // mu_c'·P·mu_c
    private final double[][] precision; // P
    private final double[] background; // global mean
    private final double[][] backgroundPrecision;
    private final double centre; // mean raw distance of the training messages
    private final double spread; // and its standard deviation
    // the same, factored for scoring: P = R'R with R upper triangular, so (x - mu)'P(x - mu) = |Rx - R·mu|^2;
    // rows of R packed one after the other (row i holds columns i..d-1), floats, so one message costs one
    // triangular product per Gaussian family instead of two full matrix products in doubles
    private final float[] factor;
    private final float[] factoredMeans; // R·mu_c, class after class
    private final float[] backgroundFactor; // S with S'S = the background precision
    private final float[] backgroundMean;

    private HiddenDensity(
            double[][] precisionTimesMean,
            double[] meanTerm,
            double[][] precision,
            double[] background,
            double[][] backgroundPrecision,
            double centre,
            double spread) {
        this.precisionTimesMean = precisionTimesMean;
        this.meanTerm = meanTerm;
        this.precision = precision;
        this.background = background;
        this.backgroundPrecision = backgroundPrecision;
        this.centre = centre;
        this.spread = spread;
        int d = background.length;
        double[][] lower = cholesky(precision);
        this.factor = packUpper(lower);
        this.backgroundFactor = packUpper(cholesky(backgroundPrecision));
        this.factoredMeans = new float[precisionTimesMean.length * d];
        for (int c = 0; c < precisionTimesMean.length; c++) {
            // R·mu = (R')^-1·P·mu: forward substitution with the lower factor L = R'
            double[] m = new double[d];
            for (int i = 0; i < d; i++) {
                double sum = precisionTimesMean[c][i];
                for (int k = 0; k < i; k++) {
                    sum -= lower[i][k] * m[k];
                }
                m[i] = sum / lower[i][i];
                factoredMeans[c * d + i] = (float) m[i];
            }
        }
        this.backgroundMean = new float[d];
        for (int j = 0; j < d; j++) {
            backgroundMean[j] = (float) background[j];
        }
    }

    /** Fits the Gaussians to the hidden activations of the training messages. */
    static HiddenDensity fit(float[][] hidden, int[] labels, int classes) {
        int d = hidden[0].length;
        int n = hidden.length;
        double[][] means = new double[classes][d];
        int[] counts = new int[classes];
        double[] global = new double[d];
        for (int i = 0; i < n; i++) {
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) {
                means[labels[i]][j] += hidden[i][j];
                global[j] += hidden[i][j];
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                means[c][j] = counts[c] == 0 ? 0 : means[c][j] / counts[c];
            }
        }
        for (int j = 0; j < d; j++) {
            global[j] /= n;
        }
        double[][] within = new double[d][d];
        double[][] total = new double[d][d];
        double[] r = new double[d];
        double[] g = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                r[j] = hidden[i][j] - means[labels[i]][j];
                g[j] = hidden[i][j] - global[j];
            }
            for (int a = 0; a < d; a++) {
                double ra = r[a];
                double ga = g[a];
                double[] wa = within[a];
                double[] ta = total[a];
                for (int b = a; b < d; b++) {
                    wa[b] += ra * r[b];
                    ta[b] += ga * g[b];
                }
            }
        }
        double[][] precision = invert(symmetric(within, n));
        double[][] backgroundPrecision = invert(symmetric(total, n));
        double[][] pm = new double[classes][];
        double[] meanTerm = new double[classes];
        for (int c = 0; c < classes; c++) {
            pm[c] = multiply(precision, means[c]);
            meanTerm[c] = dot(means[c], pm[c]);
        }
        HiddenDensity raw = new HiddenDensity(pm, meanTerm, precision, global, backgroundPrecision, 0, 1);
        double sum = 0;
        double squares = 0;
        for (float[] h : hidden) {
            double v = raw.relativeDistance(h);
            sum += v;
            squares += v * v;
        }
        double centre = sum / n;
        double spread = Math.sqrt(Math.max(squares / n - centre * centre, 1e-12));
        return new HiddenDensity(pm, meanTerm, precision, global, backgroundPrecision, centre, spread);
    }

    /**
     * The relative Mahalanobis distance of hidden activations {@code h} to the nearest intent, in standard units of
     * the training messages' distances.
     */
    double relativeDistance(float[] h) {
        int d = backgroundMean.length;
        float[] y = new float[d];
        multiplyUpper(factor, h, y);
        float yy = dot(y, 0, y, d);
        double nearest = Double.POSITIVE_INFINITY;
        for (int c = 0, offset = 0; c < meanTerm.length; c++, offset += d) {
            // |y - m_c|^2 = |y|^2 - 2 y.m_c + |m_c|^2, with |m_c|^2 = mu_c'P mu_c
            nearest = Math.min(nearest, yy - 2.0 * dot(factoredMeans, offset, y, d) + meanTerm[c]);
        }
        float[] z = new float[d];
        for (int j = 0; j < d; j++) {
            z[j] = h[j] - backgroundMean[j];
        }
        float[] w = new float[d];
        multiplyUpper(backgroundFactor, z, w);
        return (nearest - dot(w, 0, w, d) - centre) / spread;
    }

    /** out = R·x for R upper triangular, packed row after row. */
    private static void multiplyUpper(float[] packed, float[] x, float[] out) {
        int d = x.length;
        int at = 0;
        for (int i = 0; i < d; i++) {
            int len = d - i;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int k = 0;
            for (; k + 3 < len; k += 4) {
                s0 += packed[at + k] * x[i + k];
                s1 += packed[at + k + 1] * x[i + k + 1];
                s2 += packed[at + k + 2] * x[i + k + 2];
                s3 += packed[at + k + 3] * x[i + k + 3];
            }
            for (; k < len; k++) {
                s0 += packed[at + k] * x[i + k];
            }
            out[i] = (s0 + s1) + (s2 + s3);
            at += len;
        }
    }

    private static float dot(float[] a, int offset, float[] b, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[offset + k] * b[k];
            s1 += a[offset + k + 1] * b[k + 1];
            s2 += a[offset + k + 2] * b[k + 2];
            s3 += a[offset + k + 3] * b[k + 3];
        }
        for (; k < n; k++) {
            s0 += a[offset + k] * b[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Lower triangular L with L·L' = s (s symmetric positive definite, up to a tiny floor on the pivots). */
    private static double[][] cholesky(double[][] s) {
        int d = s.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = s[i][j];
                double[] li = l[i];
                double[] lj = l[j];
                for (int k = 0; k < j; k++) {
                    sum -= li[k] * lj[k];
                }
                li[j] = i == j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / lj[j];
            }
        }
        return l;
    }

    /** R = L' packed: row i of R (columns i..d-1) is column i of L from row i down. */
    private static float[] packUpper(double[][] lower) {
        int d = lower.length;
        float[] out = new float[d * (d + 1) / 2];
        int at = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                out[at++] = (float) lower[j][i];
            }
        }
        return out;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        int d = background.length;
        out.writeInt(d);
        out.writeInt(meanTerm.length);
        writeMatrix(out, precision);
        writeMatrix(out, backgroundPrecision);
        writeMatrix(out, precisionTimesMean);
        for (double v : meanTerm) {
            out.writeDouble(v);
        }
        for (double v : background) {
            out.writeDouble(v);
        }
        out.writeDouble(centre);
        out.writeDouble(spread);
    }

    static HiddenDensity read(DataInputStream in, int expectedDimension, int expectedClasses) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a hidden-layer density");
        }
        int d = in.readInt();
        int classes = in.readInt();
        if (d != expectedDimension || classes != expectedClasses) {
            throw new IOException("density of " + d + " dimensions and " + classes + " intents, the network has "
                    + expectedDimension + " and " + expectedClasses);
        }
        double[][] precision = readMatrix(in, d, d);
        double[][] backgroundPrecision = readMatrix(in, d, d);
        double[][] pm = readMatrix(in, classes, d);
        double[] meanTerm = readVector(in, classes);
        double[] background = readVector(in, d);
        double centre = in.readDouble();
        double spread = in.readDouble();
        if (!(spread > 0) || !Double.isFinite(centre)) {
            throw new IOException("invalid scale of the distances");
        }
        return new HiddenDensity(pm, meanTerm, precision, background, backgroundPrecision, centre, spread);
    }

    private static void writeMatrix(DataOutputStream out, double[][] m) throws IOException {
        for (double[] row : m) {
            for (double v : row) {
                out.writeFloat((float) v);
            }
        }
    }

    private static double[][] readMatrix(DataInputStream in, int rows, int cols) throws IOException {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = in.readFloat();
            }
        }
        return m;
    }

    private static double[] readVector(DataInputStream in, int n) throws IOException {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }

    /** The covariance from an upper-triangle sum, with a small ridge so that it can be inverted. */
    private static double[][] symmetric(double[][] upper, int n) {
        int d = upper.length;
        double trace = 0;
        double[][] s = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                s[a][b] = upper[a][b] / n;
                s[b][a] = s[a][b];
            }
            trace += s[a][a];
        }
        double ridge = RIDGE * Math.max(trace / d, 1e-9);
        for (int a = 0; a < d; a++) {
            s[a][a] += ridge;
        }
        return s;
    }

    /** Inverse of a symmetric positive definite matrix by Cholesky decomposition. */
    private static double[][] invert(double[][] s) {
        int d = s.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = s[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j][j];
            }
        }
        // inverse of L (lower triangular), then P = L^-T L^-1
        double[][] li = new double[d][d];
        for (int i = 0; i < d; i++) {
            li[i][i] = 1 / l[i][i];
            for (int j = 0; j < i; j++) {
                double sum = 0;
                for (int k = j; k < i; k++) {
                    sum -= l[i][k] * li[k][j];
                }
                li[i][j] = sum / l[i][i];
            }
        }
        double[][] p = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = i; k < d; k++) {
                    sum += li[k][i] * li[k][j];
                }
                p[i][j] = sum;
                p[j][i] = sum;
            }
        }
        return p;
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = dot(m[i], v);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < a.length; i += 2) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return s0 + s1;
    }
}
