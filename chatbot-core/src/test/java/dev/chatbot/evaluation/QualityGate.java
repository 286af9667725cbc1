package dev.chatbot.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Floors a shipped model must reach on {@code training-data/test.csv}: closed-set accuracy, the precision of the
 * answers it gives, and the share of out-of-scope messages it escalates. Set just under the figures of the model in
 * {@code models/current} (see docs/benchmarks.md, "Quality gate"), so a regression fails the test run.
 */
record QualityGate(double accuracy, double answeredPrecision, double oosRecall) {

    /** Today's model: accuracy 0.9535, answered precision 0.9584, out-of-scope recall 0.9000. */
    static final QualityGate SHIPPED = new QualityGate(0.94, 0.945, 0.88);

    /** What falls short of a floor; empty when the report passes. */
    List<String> shortfalls(EvaluationReport report) {
        List<String> out = new ArrayList<>();
        if (!(report.accuracy() >= accuracy)) {
            out.add(String.format("accuracy %.4f is under %.4f", report.accuracy(), accuracy));
        }
        if (!(report.answeredPrecision() >= answeredPrecision)) {
            out.add(String.format(
                    "answered precision %.4f is under %.4f", report.answeredPrecision(), answeredPrecision));
        }
        if (report.oosRecall() == null || !(report.oosRecall() >= oosRecall)) {
            out.add(String.format("out-of-scope recall %s is under %.4f", report.oosRecall(), oosRecall));
        }
        return out;
    }
}
