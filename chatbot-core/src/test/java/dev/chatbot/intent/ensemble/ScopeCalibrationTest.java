package dev.chatbot.intent.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.intent.ensemble.ThresholdSelector.Scored;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeCalibrationTest {

    /** 600 in-scope messages, all right; the first {@code answered} score 0.9, the rest 0.1. */
    private static List<Scored> answering(int answered, int offset) {
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            int k = (i + offset) % 600;
            scored.add(new Scored(k < answered ? 0.9 : 0.1, true, true));
        }
        return scored;
    }

    private static ThresholdSelector.Selection at(double threshold, List<Scored> scored) {
        return new ThresholdSelector.Selection(
                threshold, true, ThresholdSelector.at(threshold, scored, List.of(), 0.0), List.of());
    }

    @Test
    void aScoreThatAnswersAFewMoreOfTheSameMessagesIsNotWorthItsComplexity() {
        List<Scored> simple = answering(400, 0);
        // answers 3 more, but 37 messages are answered by only one of the two: the gain is inside that noise
        List<Scored> complex = answering(403, 20);
        assertThat(ScopeCalibration.better(at(0.5, complex), complex, at(0.5, simple), simple))
                .isFalse();
    }

    @Test
    void aScoreThatClearlyAnswersMoreIsKept() {
        List<Scored> simple = answering(400, 0);
        List<Scored> complex = answering(440, 0);
        assertThat(ScopeCalibration.better(at(0.5, complex), complex, at(0.5, simple), simple))
                .isTrue();
        assertThat(ScopeCalibration.pairedStandardError(at(0.5, complex), complex, at(0.5, simple), simple))
                .isEqualTo(Math.sqrt(40.0 / 600 / 600));
    }

    @Test
    void reachingTheTargetBeatsAnyCoverage() {
        List<Scored> scored = answering(400, 0);
        var reached = at(0.5, scored);
        var missed = new ThresholdSelector.Selection(
                0.05, false, ThresholdSelector.at(0.05, scored, List.of(), 0.0), List.of());
        assertThat(ScopeCalibration.better(reached, scored, missed, scored)).isTrue();
        assertThat(ScopeCalibration.better(missed, scored, reached, scored)).isFalse();
    }
}
