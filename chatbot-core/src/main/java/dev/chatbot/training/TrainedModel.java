package dev.chatbot.training;

import dev.chatbot.data.TrainingData;
import dev.chatbot.intent.ensemble.EnsembleIntentClassifier;
import dev.chatbot.intent.ensemble.ThresholdSelector;
import java.time.Duration;

/**
 * The outcome of training: the ready classifier, how its threshold was chosen, and the data it came from.
 *
 * @param heldOutAccuracy closed-set accuracy of the calibration models on their held-out in-scope examples
 */
public record TrainedModel(EnsembleIntentClassifier classifier, ThresholdSelector.Selection threshold,
                           double heldOutAccuracy, int calibrationSamples, int simulatedUnknowns,
                           TrainingData data, TrainingSettings settings, Duration duration) {
}
