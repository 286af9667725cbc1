package dev.chatbot.intent.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleCalibratorTest {

    @Test
    void givesAllWeightToTheMemberThatIsRightAndCoolsAnOverconfidentOne() {
        List<CalibrationSample> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int truth = i % 2;
            double[] good = truth == 0 ? new double[] {0.7, 0.3} : new double[] {0.3, 0.7};
            double[] bad = truth == 0 ? new double[] {0.01, 0.99} : new double[] {0.99, 0.01};
            samples.add(new CalibrationSample(List.of(good, bad), truth, -1));
        }
        var fitted = EnsembleCalibrator.fit(List.of("good", "bad"), samples);
        assertThat(fitted.get(0).weight()).isGreaterThan(fitted.get(1).weight());
        assertThat(fitted.get(0).temperature()).isLessThan(1.0);
    }

    @Test
    void scalingWithTemperatureOneKeepsProbabilities() {
        double[] p = {0.2, 0.5, 0.3};
        assertThat(ProbabilityCombiner.scale(p, 1.0)).containsExactly(new double[] {0.2, 0.5, 0.3}, within(1e-9));
        double[] sharper = ProbabilityCombiner.scale(p, 0.5);
        assertThat(sharper[1]).isGreaterThan(0.5);
    }
}
