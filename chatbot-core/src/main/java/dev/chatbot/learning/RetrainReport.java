package dev.chatbot.learning;

import dev.chatbot.evaluation.EvaluationReport;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a retraining run did and why: the evidence, the examples added, both models on the test set and on
 * recent traffic, per-intent changes, the gate's verdict and the promotion decision. Written next to the
 * candidate model as {@code retrain-report.json} and {@code retrain-report.txt}.
 *
 * @param candidateVersion the trained candidate, or null when nothing was trained
 * @param currentVersion the model that was current before, or null when there was none
 * @param recentHeldOut labelled messages held out of training as recent traffic
 * @param recentCurrent the current model on recent traffic, or null when not compared
 * @param notCoveredMarks messages agents marked as not covered by the FAQ (learnt as out of scope)
 * @param traffic the traffic mix read from the transcripts
 * @param oosShare the out-of-scope share the candidate was calibrated for
 */
public record RetrainReport(
        String candidateVersion,
        String currentVersion,
        Decision decision,
        List<String> reasons,
        List<String> checks,
        String since,
        int evidence,
        int agentLabels,
        int helpfulAnswers,
        int duplicates,
        List<LabelHarvest.Conflict> conflicts,
        Map<String, Integer> unknownIntents,
        List<AddedExample> examplesAdded,
        int recentHeldOut,
        Double currentThreshold,
        Double candidateThreshold,
        Summary testCurrent,
        Summary testCandidate,
        Summary recentCurrent,
        Summary recentCandidate,
        Map<String, IntentChange> perIntent,
        int notCoveredMarks,
        TrafficMix traffic,
        Double oosShare) {

    /** What happened to the candidate. */
    public enum Decision {
        /** The gate passed and the candidate is now current. */
        PROMOTED,
        /** Promoted with {@code --promote force}, whatever the gate said. */
        FORCED,
        /** The gate found a regression; the current model stays. */
        KEPT_CURRENT,
        /** {@code --promote never}: the candidate was saved, not promoted. */
        NOT_PROMOTED,
        /** No new labelled examples: nothing was trained. */
        NOTHING_NEW
    }

    /** One example added to the training data, with where it came from. */
    public record AddedExample(
            String text, String intent, String source, String conversationId, String messageId, String language) {
        static AddedExample of(Evidence e) {
            return new AddedExample(
                    e.text(),
                    e.intent().value(),
                    e.source().name(),
                    e.conversationId().value(),
                    e.messageId().value(),
                    e.language());
        }
    }

    /** The headline numbers of one evaluation. */
    public record Summary(
            int examples,
            double accuracy,
            double macroF1,
            double threshold,
            double coverage,
            double answeredPrecision,
            double inScopeAccuracy,
            Double oosRecall) {
        static Summary of(EvaluationReport r) {
            return r == null
                    ? null
                    : new Summary(
                            r.examples(),
                            r.accuracy(),
                            r.macroF1(),
                            r.threshold(),
                            r.coverage(),
                            r.answeredPrecision(),
                            r.inScopeAccuracy(),
                            r.oosRecall());
        }
    }

    /** One intent's test-set recall and F1 before (current model) and after (candidate). */
    public record IntentChange(int support, Double recallBefore, double recallAfter, Double f1Before, double f1After) {}

    static Map<String, IntentChange> perIntent(EvaluationReport current, EvaluationReport candidate) {
        Map<String, IntentChange> out = new TreeMap<>();
        if (candidate == null) {
            return out;
        }
        candidate.perIntent().forEach((intent, after) -> {
            EvaluationReport.IntentScore before =
                    current == null ? null : current.perIntent().get(intent);
            out.put(
                    intent,
                    new IntentChange(
                            after.support(),
                            before == null ? null : before.recall(),
                            after.recall(),
                            before == null ? null : before.f1(),
                            after.f1()));
        });
        return out;
    }
}
