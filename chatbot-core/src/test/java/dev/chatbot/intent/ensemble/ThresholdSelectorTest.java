package dev.chatbot.intent.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.intent.ensemble.ThresholdSelector.Scored;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdSelectorTest {

    @Test
    void choosesTheLowestThresholdThatReachesTheTargetPrecision() {
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            scored.add(new Scored(0.9, true, true));
        }
        for (int i = 0; i < 10; i++) {
            scored.add(new Scored(0.4, true, false));
        }
        var selection = ThresholdSelector.select(scored, 0.95, 0.0);
        assertThat(selection.targetReached()).isTrue();
        assertThat(selection.threshold()).isGreaterThan(0.4).isLessThanOrEqualTo(0.9);
        assertThat(selection.chosen().coverage()).isEqualTo(0.9);
    }

    @Test
    void simulatedUnknownsRaiseTheThresholdAboveWhatInScopeDataAloneWouldGive() {
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            scored.add(new Scored(0.5 + i * 0.005, true, true));
        }
        for (int i = 0; i < 100; i++) {
            scored.add(new Scored(0.3 + i * 0.004, false, false));
        }
        double inScopeOnly =
                ThresholdSelector.select(scored.subList(0, 100), 0.95, 0.2).threshold();
        double withUnknowns = ThresholdSelector.select(scored, 0.95, 0.2).threshold();
        assertThat(inScopeOnly).isEqualTo(0.0);
        assertThat(withUnknowns).isGreaterThan(0.5);
    }

    @Test
    void reportsWhenTheTargetCannotBeReached() {
        List<Scored> scored = List.of(new Scored(0.9, true, false), new Scored(0.8, true, true));
        var selection = ThresholdSelector.select(scored, 0.99, 0.0);
        assertThat(selection.targetReached()).isFalse();
    }

    @Test
    void neverChoosesAThresholdThatAnswersAlmostNothingEvenWhenThatSliverKeepsTheTarget() {
        List<Scored> scored = new ArrayList<>();
        // the most confident 10% are always right, then 80% right, at every level below
        for (int i = 0; i < 100; i++) {
            double confidence = 1 - i / 100.0;
            scored.add(new Scored(confidence, true, i < 10 || i % 5 != 0));
        }
        for (int i = 0; i < 100; i++) {
            scored.add(new Scored(0.995 - i / 100.0, false, false));
        }
        var selection = ThresholdSelector.select(scored, 0.95, 0.35);
        assertThat(selection.targetReached()).isFalse();
        assertThat(selection.chosen().coverage()).isGreaterThanOrEqualTo(ThresholdSelector.MIN_COVERAGE);
        assertThat(selection.chosen().coverage()).isLessThan(0.3);
    }
}
