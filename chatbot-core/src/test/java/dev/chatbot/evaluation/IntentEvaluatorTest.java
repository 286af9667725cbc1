package dev.chatbot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.testing.FakeIntentClassifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntentEvaluatorTest {

    private final FakeIntentClassifier classifier = new FakeIntentClassifier(0.5)
            .when("where is my order", "order_status", 0.9, "refund_status", 0.1)
            .when("track parcel", "order_status", 0.4, "refund_status", 0.3)
            .when("my refund", "order_status", 0.6, "refund_status", 0.4)
            .when("weather today", "greeting", 0.7, "order_status", 0.3)
            .when("stock price", "order_status", 0.2, "greeting", 0.1);

    private final List<Example> rows = List.of(
            row("where is my order", "order_status"),
            row("track parcel", "order_status"),
            row("my refund", "refund_status"),
            row("weather today", "out_of_scope"),
            row("stock price", "out_of_scope"));

    @Test
    void computesClosedSetAccuracyCoverageAndAnsweredPrecision() {
        EvaluationReport r =
                new IntentEvaluator(IntentName.of("out_of_scope")).evaluate(classifier, rows, TrainingProgress.SILENT);

        assertThat(r.examples()).isEqualTo(5);
        assertThat(r.accuracy()).isEqualTo(0.6667); // 2 of 3 in scope right at top-1
        assertThat(r.coverage()).isEqualTo(0.6667); // 2 of 3 in scope above 0.5
        assertThat(r.answeredPrecision()).isEqualTo(0.3333); // answered: order(right), refund(wrong), weather(oos)
        assertThat(r.inScopeAccuracy()).isEqualTo(0.3333);
        assertThat(r.oosRecall()).isEqualTo(0.5);
        assertThat(r.threshold()).isEqualTo(0.5);
        assertThat(r.modelVersion()).isEqualTo("fake-1");
        assertThat(r.confusions()).containsExactly(new EvaluationReport.Confusion("refund_status", "order_status", 1));
        assertThat(r.perIntent().get("order_status").recall()).isEqualTo(1.0);
        assertThat(r.perIntent().get("order_status").precision()).isEqualTo(0.6667);
    }

    @Test
    void oosRecallIsNullWithoutOutOfScopeRows() {
        EvaluationReport r = new IntentEvaluator(IntentName.of("out_of_scope"))
                .evaluate(classifier, rows.subList(0, 3), TrainingProgress.SILENT);
        assertThat(r.oosRecall()).isNull();
        assertThat(ReportFormat.table(r)).contains("out-of-scope recall", "n/a");
    }

    private static Example row(String text, String intent) {
        return new Example(text, IntentName.of(intent));
    }
}
