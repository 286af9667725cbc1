package dev.chatbot.intent.ensemble;

import dev.chatbot.intent.TrainingProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses how the ensemble decides to answer, from the calibration messages: by the combined probability alone, or
 * by an {@link InScopeGate} fitted on them (on the neighbourhood, and on the hidden-layer distance too when the
 * members give one), whichever answers most in-scope messages at the target precision (at the assumed out-of-scope
 * share). A gate replaces the simpler score only when it answers more by over {@link ThresholdSelector#STANDARD_ERRORS}
 * standard errors of that gain (paired over the same messages): on a few hundred messages a gain of two or three is
 * noise, and noise is not worth a more complex decision. Then the threshold of the chosen score.
 *
 * @param gate the fitted gate when it was chosen, else null
 * @param selection the threshold and the coverage/precision curve of the chosen score
 * @param withoutGate the selection the probability alone would have given (for the report)
 */
public record ScopeCalibration(
        InScopeGate gate,
        ThresholdSelector.Selection selection,
        ThresholdSelector.Selection withoutGate,
        double heldOutAccuracy,
        int known,
        int unknowns) {

    public static ScopeCalibration choose(
            List<CalibrationSample> samples,
            List<MemberCalibration> calibrations,
            double targetPrecision,
            double oosShare,
            TrainingProgress progress) {
        if (samples.isEmpty()) {
            ThresholdSelector.Selection none = new ThresholdSelector.Selection(0.5, false, null, List.of());
            return new ScopeCalibration(null, none, none, Double.NaN, 0, 0);
        }
        int n = samples.size();
        double[][] p = new double[n][];
        int[] top = new int[n];
        double knownWeight = 0;
        double unknownWeight = 0;
        int known = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            CalibrationSample s = samples.get(i);
            p[i] = ProbabilityCombiner.combine(s.memberProbabilities(), calibrations);
            top[i] = ProbabilityCombiner.argmax(p[i]);
            if (s.unknown()) {
                unknownWeight += s.weight();
            } else {
                knownWeight += s.weight();
                known++;
                if (top[i] == s.trueIndex()) {
                    correct++;
                }
            }
        }
        List<ThresholdSelector.Scored> plain = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CalibrationSample s = samples.get(i);
            double confidence = top[i] == s.rejectIndex() ? 0.0 : p[i][top[i]];
            plain.add(new ThresholdSelector.Scored(
                    confidence, !s.unknown(), !s.unknown() && top[i] == s.trueIndex(), s.weight()));
        }
        ThresholdSelector.Selection byProbability = ThresholdSelector.select(plain, targetPrecision, oosShare);
        double heldOutAccuracy = known == 0 ? Double.NaN : correct / (double) known;
        int unknowns = n - known;

        boolean neighbourhoods = samples.stream().allMatch(s -> s.neighbourhood() != null);
        // the gates are tried in turn, each kept only when it answers more in-scope messages at the target
        if (!neighbourhoods || known == 0) {
            return new ScopeCalibration(null, byProbability, byProbability, heldOutAccuracy, known, unknowns);
        }
        // a gate learns "answering is right" with real traffic's mix: in-scope messages weigh (1 - share) in all,
        // unknowns share (when there are any)
        double share = unknownWeight > 0 ? oosShare : 0;
        boolean distances = samples.stream().allMatch(s -> Double.isFinite(s.distance()));
        ScopeCalibration best =
                new ScopeCalibration(null, byProbability, byProbability, heldOutAccuracy, known, unknowns);
        List<ThresholdSelector.Scored> bestScored = plain;
        for (int count :
                distances ? new int[] {InScopeGate.BASIC, InScopeGate.WITH_DISTANCE} : new int[] {InScopeGate.BASIC}) {
            List<double[]> features = new ArrayList<>();
            List<Boolean> right = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                CalibrationSample s = samples.get(i);
                if (top[i] == s.rejectIndex()) {
                    continue;
                }
                features.add(InScopeGate.features(p[i], s.neighbourhood(), s.distance(), top[i], count));
                right.add(!s.unknown() && top[i] == s.trueIndex());
                weights.add(s.unknown() ? share * s.weight() / unknownWeight : (1 - share) * s.weight() / knownWeight);
            }
            InScopeGate gate = InScopeGate.fit(features, right, weights);
            List<ThresholdSelector.Scored> gated = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                CalibrationSample s = samples.get(i);
                double confidence =
                        top[i] == s.rejectIndex() ? 0.0 : gate.score(p[i], s.neighbourhood(), s.distance(), top[i]);
                gated.add(new ThresholdSelector.Scored(
                        confidence, !s.unknown(), !s.unknown() && top[i] == s.trueIndex(), s.weight()));
            }
            ThresholdSelector.Selection byGate = ThresholdSelector.select(gated, targetPrecision, oosShare);
            boolean kept = better(byGate, gated, best.selection(), bestScored);
            progress.report(String.format(
                    Locale.ROOT,
                    "in-scope score: coverage %.3f at precision %.3f with the %s gate (weights %s, bias %.2f); "
                            + "%.3f at %.3f by probability alone: %s",
                    coverage(byGate),
                    precision(byGate),
                    count == InScopeGate.BASIC ? "neighbourhood" : "neighbourhood + hidden-layer distance",
                    format(gate),
                    gate.bias(),
                    coverage(byProbability),
                    precision(byProbability),
                    kept ? "kept" : "not kept"));
            if (kept) {
                best = new ScopeCalibration(gate, byGate, byProbability, heldOutAccuracy, known, unknowns);
                bestScored = gated;
            }
        }
        return best;
    }

    /**
     * Reaching the target beats missing it; both reaching it, a answers more in-scope messages than b by over the
     * standard errors of that gain; both missing it, a is more precise.
     */
    static boolean better(
            ThresholdSelector.Selection a,
            List<ThresholdSelector.Scored> aScored,
            ThresholdSelector.Selection b,
            List<ThresholdSelector.Scored> bScored) {
        if (a.targetReached() != b.targetReached()) {
            return a.targetReached();
        }
        if (!a.targetReached()) {
            return precision(a) > precision(b);
        }
        double gain = coverage(a) - coverage(b);
        return gain > ThresholdSelector.STANDARD_ERRORS * pairedStandardError(a, aScored, b, bScored);
    }

    /**
     * Standard error of the coverage gain of a over b on the same in-scope messages, were there no real gain (as in
     * McNemar's test): only the messages one answers and the other does not carry information, so it is
     * sqrt(discordant share / effective size).
     */
    static double pairedStandardError(
            ThresholdSelector.Selection a,
            List<ThresholdSelector.Scored> aScored,
            ThresholdSelector.Selection b,
            List<ThresholdSelector.Scored> bScored) {
        double total = 0;
        double squares = 0;
        double discordant = 0;
        for (int i = 0; i < aScored.size(); i++) {
            ThresholdSelector.Scored x = aScored.get(i);
            if (!x.inScope()) {
                continue;
            }
            boolean byA = x.confidence() >= a.threshold();
            boolean byB = bScored.get(i).confidence() >= b.threshold();
            total += x.weight();
            squares += x.weight() * x.weight();
            if (byA != byB) {
                discordant += x.weight();
            }
        }
        if (total == 0) {
            return 0;
        }
        return Math.sqrt(discordant / total / ThresholdSelector.effectiveSize(total, squares));
    }

    private static double coverage(ThresholdSelector.Selection s) {
        return s.chosen() == null ? 0 : s.chosen().coverage();
    }

    private static double precision(ThresholdSelector.Selection s) {
        return s.chosen() == null ? 0 : s.chosen().precision();
    }

    private static String format(InScopeGate gate) {
        return gate.weights().stream()
                .map(w -> String.format(Locale.ROOT, "%.2f", w))
                .toList()
                .toString();
    }
}
