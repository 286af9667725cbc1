package dev.chatbot.intent;

import java.util.Comparator;
import java.util.List;

/**
 * The classifier's ranked guesses for one message, best first, with calibrated probabilities.
 *
 * @param ranked every known intent with its probability, best first (never empty)
 * @param threshold the model's escalation threshold: below it the bot should not answer
 */
public record IntentPrediction(List<ScoredIntent> ranked, double threshold) {

    public IntentPrediction {
        if (ranked == null || ranked.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one scored intent");
        }
        ranked = ranked.stream()
                .sorted(Comparator.comparingDouble(ScoredIntent::score).reversed())
                .toList();
    }

    public ScoredIntent top() {
        return ranked.get(0);
    }

    public IntentName intent() {
        return top().intent();
    }

    public double confidence() {
        return top().score();
    }

    /** Difference between the best and the second-best probability (1.0 when there is only one intent). */
    public double margin() {
        return ranked.size() < 2 ? 1.0 : ranked.get(0).score() - ranked.get(1).score();
    }

    /** True when the top intent is at or above the model's escalation threshold. */
    public boolean confident() {
        return confidence() >= threshold;
    }

    public List<ScoredIntent> top(int n) {
        return ranked.subList(0, Math.min(n, ranked.size()));
    }
}
