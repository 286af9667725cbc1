package dev.chatbot.learning;

/**
 * How strict the promotion gate is and how recent traffic is held out.
 *
 * @param tolerance how far (absolute, 0..1) a headline metric of the candidate may fall below the current
 *                  model's before it counts as a regression (default 0.02)
 * @param perIntentTolerance how far one intent's recall on the test set may fall (default 0.15)
 * @param perIntentMinSupport intents with fewer test rows than this are not checked one by one (default 5)
 * @param recentShare share of the newest labelled traffic held out of training for the comparison (default 0.2)
 * @param minRecent fewest held-out recent messages worth comparing on; below it all are used for training and
 *                  the recent-traffic check is skipped (default 20)
 */
public record GateSettings(
        double tolerance, double perIntentTolerance, int perIntentMinSupport, double recentShare, int minRecent) {

    public GateSettings {
        if (!(tolerance >= 0 && tolerance <= 1) || !(perIntentTolerance >= 0 && perIntentTolerance <= 1)) {
            throw new IllegalArgumentException("tolerances must be in 0..1");
        }
        if (!(recentShare >= 0 && recentShare < 1)) {
            throw new IllegalArgumentException("recent share must be in [0, 1): " + recentShare);
        }
    }

    public static GateSettings defaults() {
        return new GateSettings(0.02, 0.15, 5, 0.2, 20);
    }

    public GateSettings withTolerance(double value) {
        return new GateSettings(value, perIntentTolerance, perIntentMinSupport, recentShare, minRecent);
    }

    public GateSettings withRecentShare(double value) {
        return new GateSettings(tolerance, perIntentTolerance, perIntentMinSupport, value, minRecent);
    }

    public GateSettings withMinRecent(int value) {
        return new GateSettings(tolerance, perIntentTolerance, perIntentMinSupport, recentShare, value);
    }
}
