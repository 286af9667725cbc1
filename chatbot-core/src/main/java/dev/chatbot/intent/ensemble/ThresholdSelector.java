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
 */
public final class ThresholdSelector {

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
    public record OperatingPoint(double threshold, double coverage, double precision, double unknownAnswered) {
    }

    /** The chosen threshold, whether the target was reached, and the curve it was chosen from. */
    public record Selection(double threshold, boolean targetReached, OperatingPoint chosen, List<OperatingPoint> curve) {
    }

    private ThresholdSelector() {
    }

    public static Selection select(List<Scored> scored, double targetPrecision, double oosShare) {
        List<Scored> inScope = scored.stream().filter(Scored::inScope).toList();
        List<Scored> unknown = scored.stream().filter(s -> !s.inScope()).toList();
        double share = unknown.isEmpty() ? 0.0 : oosShare;
        List<Double> candidates = new ArrayList<>();
        candidates.add(0.0);
        scored.stream().map(Scored::confidence).distinct().sorted(Comparator.reverseOrder()).forEach(candidates::add);
        candidates.sort(Comparator.naturalOrder());

        List<OperatingPoint> curve = new ArrayList<>();
        OperatingPoint chosen = null;
        OperatingPoint bestPrecision = null;
        for (double t : candidates) {
            OperatingPoint p = at(t, inScope, unknown, share);
            if (bestPrecision == null || p.precision() > bestPrecision.precision()) {
                bestPrecision = p;
            }
            if (chosen == null && p.coverage() > 0 && p.precision() >= targetPrecision) {
                chosen = p;
            }
        }
        for (double t = 0.0; t <= 1.0001; t += 0.05) {
            curve.add(at(Math.min(t, 1.0), inScope, unknown, share));
        }
        if (chosen != null) {
            return new Selection(chosen.threshold(), true, chosen, curve);
        }
        return new Selection(bestPrecision.threshold(), false, bestPrecision, curve);
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
