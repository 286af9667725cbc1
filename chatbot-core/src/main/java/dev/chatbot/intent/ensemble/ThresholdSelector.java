package dev.chatbot.intent.ensemble;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the escalation threshold: the lowest confidence at which answered messages still reach the
 * target precision, assuming a given share of real traffic is out of scope.
 *
 * <p>Precision at threshold t weighs the held-out in-scope messages by (1 - oosShare) and the simulated
 * unknowns by oosShare: precision(t) = (1-s)·P(in-scope, answered, right) / ((1-s)·P(in-scope answered) +
 * s·P(unknown answered)). When no unknowns were available, only in-scope errors count. Each message counts
 * with its weight (how much of real traffic it stands for).
 *
 * <p>The precision measured at a threshold is an estimate from a sample, and taking the first threshold whose estimate
 * reaches the target picks, among many noisy estimates, one that happens to be high: on new traffic it lands below the
 * target about half the time. So a threshold qualifies only when its precision is at least the target plus
 * {@link #STANDARD_ERRORS} standard errors of that estimate (delta method over the in-scope right/wrong shares and the
 * unknowns' answered share, each from its own sample, with weights counted by their effective sample size, and half a
 * message added to each count so that a few messages without an error do not pass for certainty).
 *
 * <p>A threshold that answers less than {@link #MIN_COVERAGE} of the in-scope messages is no operating point: a bot
 * that answers nothing keeps every promise and helps nobody. When no threshold reaches the target while answering at
 * least that much, the selector takes the most precise threshold that does (in effect, the one answering about that
 * share), and reports the target as not reached.
 */
public final class ThresholdSelector {

    /** Least share of in-scope messages a chosen threshold answers, whether the target is reached or not. */
    public static final double MIN_COVERAGE = 0.2;

    /** How many standard errors of the precision estimate a qualifying threshold keeps above the target. */
    public static final double STANDARD_ERRORS = 1.0;

    /**
     * A held-out decision: the ensemble's top confidence (0 when the top intent is the explicit reject
     * class, which always escalates), whether the message is in scope, and whether answering would be right.
     */
    public record Scored(double confidence, boolean inScope, boolean correct, double weight) {
        public Scored(double confidence, boolean inScope, boolean correct) {
            this(confidence, inScope, correct, 1.0);
        }
    }

    /**
     * One point of the coverage/precision trade-off; {@code standardError} is that of the precision estimate.
     */
    public record OperatingPoint(
            double threshold, double coverage, double precision, double unknownAnswered, double standardError) {

        /** The precision less {@link #STANDARD_ERRORS} standard errors: what the selector holds to the target. */
        public double assuredPrecision() {
            return precision - STANDARD_ERRORS * standardError;
        }
    }

    /** The chosen threshold, whether the target was reached, and the curve it was chosen from. */
    public record Selection(
            double threshold, boolean targetReached, OperatingPoint chosen, List<OperatingPoint> curve) {}

    private ThresholdSelector() {}

    public static Selection select(List<Scored> scored, double targetPrecision, double oosShare) {
        List<Scored> inScope = scored.stream().filter(Scored::inScope).toList();
        List<Scored> unknown = scored.stream().filter(s -> !s.inScope()).toList();
        double share = unknown.isEmpty() ? 0.0 : oosShare;
        List<Double> candidates = new ArrayList<>();
        candidates.add(0.0);
        scored.stream()
                .map(Scored::confidence)
                .distinct()
                .sorted(Comparator.reverseOrder())
                .forEach(candidates::add);
        candidates.sort(Comparator.naturalOrder());

        List<OperatingPoint> curve = new ArrayList<>();
        OperatingPoint chosen = null;
        OperatingPoint fallback = null;
        OperatingPoint widest = null;
        for (double t : candidates) {
            OperatingPoint p = at(t, inScope, unknown, share);
            if (chosen == null && p.coverage() >= MIN_COVERAGE && p.assuredPrecision() >= targetPrecision) {
                chosen = p;
            }
            if (p.coverage() >= MIN_COVERAGE && (fallback == null || p.precision() > fallback.precision())) {
                fallback = p;
            }
            if (widest == null) {
                widest = p;
            }
        }
        for (double t = 0.0; t <= 1.0001; t += 0.05) {
            curve.add(at(Math.min(t, 1.0), inScope, unknown, share));
        }
        if (chosen != null) {
            return new Selection(chosen.threshold(), true, chosen, curve);
        }
        OperatingPoint best = fallback != null ? fallback : widest;
        return new Selection(best.threshold(), false, best, curve);
    }

    static OperatingPoint at(double t, List<Scored> inScope, List<Scored> unknown, double share) {
        Tally in = new Tally();
        for (Scored s : inScope) {
            in.add(s.weight(), s.confidence() >= t, s.correct());
        }
        Tally out = new Tally();
        for (Scored s : unknown) {
            out.add(s.weight(), s.confidence() >= t, false);
        }
        double inN = in.total > 0 ? in.total : 1;
        double right = in.right / inN;
        double wrong = (in.answered - in.right) / inN;
        double unknownRate = unknown.isEmpty() ? 0 : out.answered / out.total;
        double good = (1 - share) * right;
        double all = (1 - share) * (right + wrong) + share * unknownRate;
        double precision = all == 0 ? 1.0 : good / all;
        double standardError = all == 0 ? 0.0 : standardError(right, wrong, unknownRate, share, in, out);
        return new OperatingPoint(t, right + wrong, precision, unknownRate, standardError);
    }

    /**
     * Delta-method standard error of precision = (1-s)r / ((1-s)(r+w) + s·u), where r and w (the in-scope shares
     * answered right and wrong) come from one multinomial sample and u (the unknowns' answered share) from another.
     * The shares enter with half a message added to each count, so that a sample without a single error still
     * carries the uncertainty of its size instead of none.
     */
    private static double standardError(double r, double w, double u, double s, Tally in, Tally out) {
        double n = in.effectiveSize();
        double m = out.effectiveSize();
        if (n > 0) {
            r = (r * n + 0.5) / (n + 1);
            w = (w * n + 0.5) / (n + 1);
        }
        if (m > 0) {
            u = (u * m + 0.5) / (m + 1);
        }
        double all = (1 - s) * (r + w) + s * u;
        double byRight = (1 - s) * ((1 - s) * w + s * u) / (all * all);
        double byWrong = -(1 - s) * (1 - s) * r / (all * all);
        double byUnknown = -(1 - s) * s * r / (all * all);
        double variance = 0;
        if (n > 0) {
            variance +=
                    (byRight * byRight * r * (1 - r) + byWrong * byWrong * w * (1 - w) - 2 * byRight * byWrong * r * w)
                            / n;
        }
        if (m > 0 && s > 0) {
            variance += byUnknown * byUnknown * u * (1 - u) / m;
        }
        return Math.sqrt(Math.max(0, variance));
    }

    /** Weighted counts of one sample, and its effective size (sum of weights squared over sum of squared weights). */
    private static final class Tally {
        double total;
        double squares;
        double answered;
        double right;

        void add(double weight, boolean isAnswered, boolean isRight) {
            total += weight;
            squares += weight * weight;
            if (isAnswered) {
                answered += weight;
                if (isRight) {
                    right += weight;
                }
            }
        }

        double effectiveSize() {
            return ThresholdSelector.effectiveSize(total, squares);
        }
    }

    /** Kish's effective sample size of weighted messages: (sum of weights)² / sum of squared weights. */
    static double effectiveSize(double total, double squares) {
        return squares == 0 ? 0 : total * total / squares;
    }
}
