package dev.chatbot.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.evaluation.EvaluationReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

    private static EvaluationReport report(
            double accuracy, double precision, double inScopeAccuracy, double oosRecall) {
        return new EvaluationReport(
                300,
                200,
                100,
                accuracy,
                accuracy,
                0.8,
                inScopeAccuracy / precision,
                precision,
                inScopeAccuracy,
                oosRecall,
                Map.of(),
                List.of(),
                "v",
                new EvaluationReport.Latency(1, 2),
                List.of());
    }

    private final PromotionGate gate = new PromotionGate(GateSettings.defaults(), 0.95);

    @Test
    void refusesACandidateThatAnswersLessWhileTheCurrentModelKeepsThePromise() {
        var verdict = gate.judge(report(0.90, 0.96, 0.80, 0.90), report(0.90, 0.97, 0.60, 0.95), null, null);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.regressions()).singleElement().asString().contains("in-scope accuracy");
    }

    @Test
    void acceptsACandidateThatAnswersLessToKeepThePromiseTheCurrentModelBreaks() {
        var verdict = gate.judge(report(0.90, 0.82, 0.80, 0.60), report(0.90, 0.94, 0.60, 0.92), null, null);

        assertThat(verdict.passed()).isTrue();
    }
}
