package dev.chatbot.learning;

import dev.chatbot.evaluation.EvaluationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a candidate model may replace the current one. The rules, each on the fixed held-out test
 * set and, when there is enough of it, on recent labelled traffic not used for training:
 * <ol>
 *   <li>closed-set accuracy must not fall by more than the tolerance;</li>
 *   <li>in-scope accuracy (answered and right, over all in-scope messages) must not fall by more than the
 *       tolerance: a model that escalates much more is worse even when it is rarely wrong; unless the current
 *       model's answered precision on that set is below the target (beyond the tolerance) and the candidate's is
 *       higher: keeping the precision promise comes before coverage;</li>
 *   <li>answered precision must stay within the tolerance of the current model's, or of the target precision
 *       when the current model is above the target;</li>
 *   <li>out-of-scope recall, when both sets have out-of-scope rows, must not fall by more than the tolerance;</li>
 *   <li>on the test set, no intent with enough rows may lose more recall than the per-intent tolerance.</li>
 * </ol>
 * With no current model there is nothing to regress from and the candidate passes. Immutable.
 */
public final class PromotionGate {

    /** The verdict: {@code checks} lists every comparison made, {@code regressions} the failed ones. */
    public record Verdict(boolean passed, List<String> checks, List<String> regressions) {}

    private final GateSettings settings;
    private final double targetPrecision;

    public PromotionGate(GateSettings settings, double targetPrecision) {
        this.settings = settings;
        this.targetPrecision = targetPrecision;
    }

    /**
     * @param currentRecent the current model on recent traffic, or null when the check is skipped
     * @param candidateRecent the candidate on recent traffic, or null when the check is skipped
     */
    public Verdict judge(
            EvaluationReport currentTest,
            EvaluationReport candidateTest,
            EvaluationReport currentRecent,
            EvaluationReport candidateRecent) {
        List<String> checks = new ArrayList<>();
        List<String> regressions = new ArrayList<>();
        if (currentTest == null) {
            checks.add("no current model: nothing to regress from");
            return new Verdict(true, checks, regressions);
        }
        compare("test set", currentTest, candidateTest, checks, regressions);
        perIntent(currentTest, candidateTest, checks, regressions);
        if (currentRecent != null && candidateRecent != null) {
            compare("recent traffic", currentRecent, candidateRecent, checks, regressions);
        } else {
            checks.add("recent traffic: too little held-out traffic, not compared");
        }
        return new Verdict(regressions.isEmpty(), checks, regressions);
    }

    private void compare(
            String set,
            EvaluationReport current,
            EvaluationReport candidate,
            List<String> checks,
            List<String> regressions) {
        check(set, "accuracy", current.accuracy(), candidate.accuracy(), current.accuracy(), checks, regressions);
        // answering less is no regression when the current model broke the precision promise on this set and the
        // candidate answers more precisely: the promise comes before coverage
        boolean keepsPromiseBetter = current.answeredPrecision() < targetPrecision - settings.tolerance()
                && candidate.answeredPrecision() > current.answeredPrecision();
        check(
                set,
                "in-scope accuracy",
                current.inScopeAccuracy(),
                candidate.inScopeAccuracy(),
                keepsPromiseBetter ? 0 : current.inScopeAccuracy(),
                checks,
                regressions);
        double precisionFloor =
                Double.isNaN(current.answeredPrecision()) ? 0 : Math.min(current.answeredPrecision(), targetPrecision);
        check(
                set,
                "answered precision",
                current.answeredPrecision(),
                candidate.answeredPrecision(),
                precisionFloor,
                checks,
                regressions);
        if (current.oosRecall() != null && candidate.oosRecall() != null) {
            check(
                    set,
                    "out-of-scope recall",
                    current.oosRecall(),
                    candidate.oosRecall(),
                    current.oosRecall(),
                    checks,
                    regressions);
        }
    }

    private void check(
            String set,
            String metric,
            double current,
            double candidate,
            double floor,
            List<String> checks,
            List<String> regressions) {
        double candidateValue = Double.isNaN(candidate) ? 0 : candidate;
        String line = String.format(
                Locale.ROOT,
                "%s %s: %.4f -> %.4f (floor %.4f)",
                set,
                metric,
                current,
                candidate,
                floor - settings.tolerance());
        checks.add(line);
        if (candidateValue < floor - settings.tolerance() - 1e-12) {
            regressions.add(line);
        }
    }

    private void perIntent(
            EvaluationReport current, EvaluationReport candidate, List<String> checks, List<String> regressions) {
        int checked = 0;
        for (var entry : current.perIntent().entrySet()) {
            EvaluationReport.IntentScore before = entry.getValue();
            if (before.support() < settings.perIntentMinSupport()) {
                continue;
            }
            checked++;
            EvaluationReport.IntentScore after = candidate.perIntent().get(entry.getKey());
            double recallAfter = after == null ? 0 : after.recall();
            if (recallAfter < before.recall() - settings.perIntentTolerance() - 1e-12) {
                regressions.add(String.format(
                        Locale.ROOT,
                        "test set recall of %s: %.3f -> %.3f (more than %.2f lower)",
                        entry.getKey(),
                        before.recall(),
                        recallAfter,
                        settings.perIntentTolerance()));
            }
        }
        checks.add("test set per-intent recall: " + checked + " intents with at least " + settings.perIntentMinSupport()
                + " rows checked");
    }
}
