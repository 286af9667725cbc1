package dev.chatbot.evaluation;

import java.util.List;
import java.util.Map;

/**
 * The result of evaluating a model on a labelled test set (keys as in DESIGN.md section 3; rates in 0..1).
 *
 * @param accuracy closed-set top-1 accuracy over in-scope rows
 * @param coverage in-scope rows answered (not escalated)
 * @param answeredPrecision answered rows whose intent was right (answered out-of-scope rows count as wrong)
 * @param inScopeAccuracy in-scope rows answered with the right intent, over all in-scope rows
 * @param oosRecall out-of-scope rows escalated, over all out-of-scope rows; null when there are none
 */
public record EvaluationReport(
        int examples,
        int inScopeExamples,
        int outOfScopeExamples,
        double accuracy,
        double macroF1,
        double threshold,
        double coverage,
        double answeredPrecision,
        double inScopeAccuracy,
        Double oosRecall,
        Map<String, IntentScore> perIntent,
        List<Confusion> confusions,
        String modelVersion,
        Latency latencyMicros,
        List<CurvePoint> tradeOff) {

    /** Closed-set precision, recall and F1 of one intent, with its number of test rows. */
    public record IntentScore(double precision, double recall, double f1, int support) {}

    /** A frequent mistake: rows of {@code expected} classified as {@code predicted}. */
    public record Confusion(String expected, String predicted, int count) {}

    /** Classification latency per message in microseconds. */
    public record Latency(long p50, long p99) {}

    /** Coverage and answered precision had the threshold been {@code threshold}. */
    public record CurvePoint(double threshold, double coverage, double answeredPrecision, Double oosRecall) {}
}
