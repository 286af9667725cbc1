package dev.chatbot.training;

import dev.chatbot.intent.IntentName;

/**
 * Settings of a training run.
 *
 * @param targetPrecision precision wanted on answered messages; the threshold is chosen to reach it (default 0.95)
 * @param oosShare assumed share of out-of-scope traffic when choosing the threshold (default 0.20)
 * @param calibrationGroups how many groups of related intents are left out in turn to play unknowns (default 3)
 * @param holdoutShare share of the remaining examples held out for calibration in each round (default 0.2)
 * @param calibrationCap most examples a calibration model trains on (a stratified sample above it), to
 *     bound training time on large data sets (default 4000)
 * @param rejectLabel label of explicit out-of-scope rows in the training data, or {@code null}
 * @param threads worker threads for encoding and training
 * @param seed random seed for splits and initialisation
 * @param escalatedShare share of real traffic the bot escalated, which the examples taken from transcripts stand for
 *     in calibration (the FAQ's own examples stand for the rest); {@code null} weighs every example alike
 */
public record TrainingSettings(
        double targetPrecision,
        double oosShare,
        int calibrationGroups,
        double holdoutShare,
        int calibrationCap,
        IntentName rejectLabel,
        int threads,
        long seed,
        Double escalatedShare) {

    public TrainingSettings(
            double targetPrecision,
            double oosShare,
            int calibrationGroups,
            double holdoutShare,
            int calibrationCap,
            IntentName rejectLabel,
            int threads,
            long seed) {
        this(
                targetPrecision,
                oosShare,
                calibrationGroups,
                holdoutShare,
                calibrationCap,
                rejectLabel,
                threads,
                seed,
                null);
    }

    public TrainingSettings {
        if (!(targetPrecision > 0 && targetPrecision <= 1)) {
            throw new IllegalArgumentException("target precision must be in (0, 1]: " + targetPrecision);
        }
        if (!(oosShare >= 0 && oosShare < 1)) {
            throw new IllegalArgumentException("out-of-scope share must be in [0, 1): " + oosShare);
        }
        if (calibrationGroups < 0) {
            throw new IllegalArgumentException("calibration groups must be >= 0");
        }
        if (!(holdoutShare > 0 && holdoutShare < 1)) {
            throw new IllegalArgumentException("holdout share must be in (0, 1)");
        }
        if (calibrationCap < 100) {
            throw new IllegalArgumentException("calibration cap must be >= 100");
        }
        if (escalatedShare != null && !(escalatedShare >= 0 && escalatedShare <= 1)) {
            throw new IllegalArgumentException("escalated share must be in [0, 1]: " + escalatedShare);
        }
        threads = Math.max(1, threads);
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(
                0.95,
                0.20,
                3,
                0.2,
                4000,
                IntentName.of("out_of_scope"),
                Runtime.getRuntime().availableProcessors(),
                42L);
    }

    public TrainingSettings withRejectLabel(IntentName label) {
        return new TrainingSettings(
                targetPrecision,
                oosShare,
                calibrationGroups,
                holdoutShare,
                calibrationCap,
                label,
                threads,
                seed,
                escalatedShare);
    }

    public TrainingSettings withTargetPrecision(double target) {
        return new TrainingSettings(
                target,
                oosShare,
                calibrationGroups,
                holdoutShare,
                calibrationCap,
                rejectLabel,
                threads,
                seed,
                escalatedShare);
    }

    public TrainingSettings withOosShare(double share) {
        return new TrainingSettings(
                targetPrecision,
                share,
                calibrationGroups,
                holdoutShare,
                calibrationCap,
                rejectLabel,
                threads,
                seed,
                escalatedShare);
    }

    public TrainingSettings withEscalatedShare(Double share) {
        return new TrainingSettings(
                targetPrecision,
                oosShare,
                calibrationGroups,
                holdoutShare,
                calibrationCap,
                rejectLabel,
                threads,
                seed,
                share);
    }
}
