package dev.chatbot.intent.ensemble;

import java.util.List;

/**
 * One held-out message seen during calibration: each member's probabilities over the labels of the
 * calibration model that saw it, and the index of its true intent there ({@code -1} when its intent was
 * left out of that model, so it plays an unknown, out-of-scope message).
 *
 * @param rejectIndex index of the explicit out-of-scope class in that model, or -1 when there is none
 */
public record CalibrationSample(List<double[]> memberProbabilities, int trueIndex, int rejectIndex) {

    public boolean unknown() {
        return trueIndex < 0 || trueIndex == rejectIndex;
    }
}
