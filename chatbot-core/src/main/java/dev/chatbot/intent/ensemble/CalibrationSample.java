package dev.chatbot.intent.ensemble;

import java.util.List;

/**
 * One held-out message seen during calibration: each member's probabilities over the labels of the
 * calibration model that saw it, and the index of its true intent there ({@code -1} when its intent was
 * left out of that model, so it plays an unknown, out-of-scope message).
 *
 * @param rejectIndex index of the explicit out-of-scope class in that model, or -1 when there is none
 * @param neighbourhood per intent of that model, the message's neighbourhood density (see
 *     {@link dev.chatbot.intent.MemberScores}), or null when no member keeps examples
 * @param distance the relative Mahalanobis distance to the nearest intent in a member's own representation (see
 *     {@link dev.chatbot.intent.MemberScores}), or NaN
 * @param weight how much this message stands for in real traffic, relative to the others of its kind (in scope or
 *     unknown); 1 unless the training data says otherwise
 */
public record CalibrationSample(
        List<double[]> memberProbabilities,
        int trueIndex,
        int rejectIndex,
        double[] neighbourhood,
        double distance,
        double weight) {

    public CalibrationSample {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight must be positive: " + weight);
        }
    }

    public CalibrationSample(List<double[]> memberProbabilities, int trueIndex, int rejectIndex) {
        this(memberProbabilities, trueIndex, rejectIndex, null, Double.NaN, 1.0);
    }

    public boolean unknown() {
        return trueIndex < 0 || trueIndex == rejectIndex;
    }
}
