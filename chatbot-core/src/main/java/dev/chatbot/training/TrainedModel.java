package dev.chatbot.training;

import dev.chatbot.data.TrainingData;
import dev.chatbot.intent.ensemble.CalibrationSample;
import dev.chatbot.intent.ensemble.EnsembleIntentClassifier;
import dev.chatbot.intent.ensemble.ScopeCalibration;
import dev.chatbot.intent.ensemble.ThresholdSelector;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of training: the ready classifier, how its threshold was chosen, and the data it came from.
 *
 * @param heldOutAccuracy closed-set accuracy of the calibration models on their held-out in-scope examples
 * @param scope how the answer score was chosen (with or without the in-scope gate)
 * @param calibration the held-out messages calibration was fitted on (for reports and benchmarks)
 */
public record TrainedModel(
        EnsembleIntentClassifier classifier,
        ThresholdSelector.Selection threshold,
        double heldOutAccuracy,
        int calibrationSamples,
        int simulatedUnknowns,
        TrainingData data,
        TrainingSettings settings,
        Duration duration,
        ScopeCalibration scope,
        List<CalibrationSample> calibration) {}
