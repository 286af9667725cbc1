package dev.chatbot.intent.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

    @Test
    void aThresholdWhosePrecisionOnlyJustReachesTheTargetOnASmallSampleDoesNotQualify() {
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            scored.add(new Scored(0.9, true, true));
        }
        for (int i = 0; i < 200; i++) {
            scored.add(new Scored(0.5, true, i % 10 != 0));
        }
        // answering everything is right 380 of 400 times: exactly 0.95, but not surely so
        var selection = ThresholdSelector.select(scored, 0.95, 0.0);
        assertThat(selection.targetReached()).isTrue();
        assertThat(selection.threshold()).isGreaterThan(0.5);
        assertThat(selection.chosen().coverage()).isEqualTo(0.5);
        assertThat(selection.chosen().assuredPrecision()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void theStandardErrorIsTheBinomialOneWhenEverythingIsAnsweredAndNothingIsUnknown() {
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            scored.add(new Scored(0.8, true, i < 950));
        }
        var point = ThresholdSelector.at(0.5, scored, List.of(), 0.0);
        assertThat(point.precision()).isCloseTo(0.95, within(1e-9));
        // half a message added to the right and to the wrong count: 950.5 and 50.5 of 1001
        double right = 950.5 / 1001;
        double wrong = 50.5 / 1001;
        double precision = right / (right + wrong);
        double binomial = Math.sqrt(precision * (1 - precision) / 1000 / (right + wrong));
        assertThat(point.standardError()).isCloseTo(binomial, within(1e-6));
        assertThat(point.standardError()).isCloseTo(Math.sqrt(0.95 * 0.05 / 1000), within(1e-4));
    }

    @Test
    void aFewMessagesWithoutAnErrorDoNotPassForCertainty() {
        List<Scored> few = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            few.add(new Scored(0.9, true, true));
        }
        List<Scored> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(new Scored(0.9, true, true));
        }
        double fewError = ThresholdSelector.at(0.5, few, List.of(), 0.0).standardError();
        double manyError = ThresholdSelector.at(0.5, many, List.of(), 0.0).standardError();
        assertThat(fewError).isGreaterThan(0.01);
        assertThat(manyError).isGreaterThan(0).isLessThan(fewError / 10);
    }

    @Test
    void unknownsAddTheirOwnSamplingErrorWeighedByTheirShare() {
        List<Scored> inScope = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            inScope.add(new Scored(0.8, true, i < 950));
        }
        List<Scored> unknown = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            unknown.add(new Scored(i < 10 ? 0.8 : 0.2, false, false));
        }
        double alone = ThresholdSelector.at(0.5, inScope, List.of(), 0.0).standardError();
        double withFew = ThresholdSelector.at(0.5, inScope, unknown, 0.3).standardError();
        List<Scored> moreUnknown = new ArrayList<>();
        for (int copy = 0; copy < 10; copy++) {
            moreUnknown.addAll(unknown);
        }
        double withMany = ThresholdSelector.at(0.5, inScope, moreUnknown, 0.3).standardError();
        assertThat(withFew).isGreaterThan(withMany).isGreaterThan(alone);
    }
}
