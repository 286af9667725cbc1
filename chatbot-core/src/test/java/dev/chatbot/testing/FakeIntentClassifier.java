package dev.chatbot.testing;

import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.IntentPrediction;
import dev.chatbot.intent.ScoredIntent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An intent classifier whose predictions are scripted per message text; unknown texts get a low, flat guess. */
public final class FakeIntentClassifier implements IntentClassifier {

    private final double threshold;
    private final Map<String, IntentPrediction> scripted = new ConcurrentHashMap<>();

    public FakeIntentClassifier(double threshold) {
        this.threshold = threshold;
    }

    /** Scripts the prediction for {@code text}: alternating intent names and scores, e.g. ("greeting", 0.9). */
    public FakeIntentClassifier when(String text, Object... intentsAndScores) {
        scripted.put(text, prediction(threshold, intentsAndScores));
        return this;
    }

    public static IntentPrediction prediction(double threshold, Object... intentsAndScores) {
        List<ScoredIntent> ranked = new ArrayList<>();
        for (int i = 0; i < intentsAndScores.length; i += 2) {
            ranked.add(new ScoredIntent(
                    IntentName.of((String) intentsAndScores[i]), ((Number) intentsAndScores[i + 1]).doubleValue()));
        }
        return new IntentPrediction(ranked, threshold);
    }

    @Override
    public IntentPrediction classify(String message) {
        IntentPrediction p = scripted.get(java.util.Objects.requireNonNull(message, "message"));
        return p != null ? p : prediction(threshold, "order_status", 0.12, "shipping_cost", 0.11);
    }

    @Override
    public List<IntentName> labels() {
        return TestFaq.definitions().keySet().stream().sorted().toList();
    }

    @Override
    public String version() {
        return "fake-1";
    }
}
