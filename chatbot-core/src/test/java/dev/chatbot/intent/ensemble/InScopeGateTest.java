package dev.chatbot.intent.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.intent.TrainingProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InScopeGateTest {

    /**
     * Calibration messages over two intents where the probability cannot tell in-scope from unknown messages (both
     * are confidently one intent) but the neighbourhood can (unknowns lie far from every intent's examples).
     */
    private static List<CalibrationSample> nearMisses() {
        Random random = new Random(7);
        List<CalibrationSample> out = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            boolean unknown = i % 2 == 0;
            double p = 0.85 + 0.1 * random.nextDouble();
            double near = unknown ? 0.35 + 0.1 * random.nextDouble() : 0.65 + 0.1 * random.nextDouble();
            out.add(new CalibrationSample(
                    List.of(new double[] {p, 1 - p}), unknown ? -1 : 0, -1, new double[] {near, 0.2}, Double.NaN, 1.0));
        }
        return out;
    }

    @Test
    void theNeighbourhoodSeparatesNearMissesThatTheProbabilityAnswers() {
        List<CalibrationSample> samples = nearMisses();
        List<MemberCalibration> one = List.of(new MemberCalibration("m", 1.0, 1.0));

        ScopeCalibration scope = ScopeCalibration.choose(samples, one, 0.95, 0.3, TrainingProgress.SILENT);

        assertThat(scope.gate()).as("kept: it answers more at the target").isNotNull();
        assertThat(scope.selection().targetReached()).isTrue();
        assertThat(scope.selection().chosen().coverage()).isGreaterThan(0.9);
        assertThat(scope.withoutGate().targetReached()).isFalse();
        InScopeGate gate = scope.gate();
        assertThat(gate.score(new double[] {0.9, 0.1}, new double[] {0.7, 0.2}, Double.NaN, 0))
                .isGreaterThan(gate.score(new double[] {0.9, 0.1}, new double[] {0.4, 0.2}, Double.NaN, 0));
    }

    @Test
    void isDroppedWhenThereAreNoNeighbourhoods() {
        List<CalibrationSample> samples = nearMisses().stream()
                .map(s -> new CalibrationSample(s.memberProbabilities(), s.trueIndex(), s.rejectIndex()))
                .toList();

        ScopeCalibration scope = ScopeCalibration.choose(
                samples, List.of(new MemberCalibration("m", 1.0, 1.0)), 0.95, 0.3, TrainingProgress.SILENT);

        assertThat(scope.gate()).isNull();
    }

    @Test
    void refusesAGateWithoutThreeFiniteWeights() {
        assertThatThrownBy(() -> new InScopeGate(List.of(1.0, 2.0), 0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InScopeGate(List.of(1.0, Double.NaN, 2.0), 0.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
