package dev.chatbot.intent;

/** An intent with a calibrated probability in 0..1. */
public record ScoredIntent(IntentName intent, double score) {

    public ScoredIntent {
        if (!(score >= 0.0 && score <= 1.0 + 1e-9)) {
            throw new IllegalArgumentException("score out of range: " + score);
        }
    }
}
