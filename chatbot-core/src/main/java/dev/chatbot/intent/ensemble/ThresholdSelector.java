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
 * <p>A threshold that answers less than {@link #MIN_COVERAGE} of the in-scope messages is no operating point: a bot
 * that answers nothing keeps every promise and helps nobody. When no threshold reaches the target while answering at
 * least that much, the selector takes the most precise threshold that does (in effect, the one answering about that
 * share), and reports the target as not reached.
 */
public final class ThresholdSelector {

    /** Least share of in-scope messages a chosen threshold answers, whether the target is reached or not. */
    public static final double MIN_COVERAGE = 0.2;

    /**
     * A held-out decision: the ensemble's top confidence (0 when the top intent is the explicit reject
     * class, which always escalates), whether the message is in scope, and whether answering would be right.
     */
    public record Scored(double confidence, boolean inScope, boolean correct, double weight) {
        public Scored(double confidence, boolean inScope, boolean correct) {
            this(confidence, inScope, correct, 1.0);
        }
    }

    /** One point of the coverage/precision trade-off. */
    public record OperatingPoint(double threshold, double coverage, double precision, double unknownAnswered) {}

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
            if (chosen == null && p.coverage() >= MIN_COVERAGE && p.precision() >= targetPrecision) {
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
        double answered = 0;
        double right = 0;
        double inN = 0;
        for (Scored s : inScope) {
            inN += s.weight();
            if (s.confidence() >= t) {
                answered += s.weight();
                if (s.correct()) {
                    right += s.weight();
                }
            }
        }
        double unknownAnswered = 0;
        double unknownN = 0;
        for (Scored s : unknown) {
            unknownN += s.weight();
            if (s.confidence() >= t) {
                unknownAnswered += s.weight();
            }
        }
        inN = inN > 0 ? inN : 1;
        double coverage = answered / inN;
        double unknownRate = unknown.isEmpty() ? 0 : unknownAnswered / unknownN;
        double good = (1 - share) * right / inN;
        double all = (1 - share) * coverage + share * unknownRate;
        double precision = all == 0 ? 1.0 : good / all;
        return new OperatingPoint(t, coverage, precision, unknownRate);
    }
}
