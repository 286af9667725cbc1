package dev.chatbot.intent.ensemble;

/**
 * How one model family's probabilities enter the ensemble: sharpened or flattened by a temperature
 * (fitted on held-out data), then averaged with this weight.
 */
public record MemberCalibration(String family, double temperature, double weight) {

    public MemberCalibration {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive: " + temperature);
        }
        if (!(weight >= 0)) {
            throw new IllegalArgumentException("weight must be >= 0: " + weight);
        }
    }
}
