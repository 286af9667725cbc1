package dev.chatbot.intent;

import java.util.List;

/**
 * Maps a customer message to the intents of the FAQ, with calibrated probabilities.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #classify(String)} returns every intent of {@link #labels()} ranked best first; the scores
 *       are calibrated probabilities that sum to about 1. An empty or blank message is not an error: it
 *       gets a prediction like any other text (typically a low-confidence one).</li>
 *   <li>A {@code null} message is a programming error and throws {@link NullPointerException}.</li>
 *   <li>{@link IntentPrediction#threshold()} carries the escalation threshold the model was calibrated
 *       with; callers decide what to do with it.</li>
 *   <li>Implementations are immutable after construction and safe to call from many threads at once.
 *       Classification is CPU-bound and may take milliseconds: never call it on an event-loop thread.</li>
 * </ul>
 */
public interface IntentClassifier {

    IntentPrediction classify(String message);

    /** Classifies many messages; implementations may batch for throughput. Results keep input order. */
    default List<IntentPrediction> classifyAll(List<String> messages) {
        return messages.stream().map(this::classify).toList();
    }

    /** The intents this classifier can return, in a stable order. */
    List<IntentName> labels();

    /** Identifies the trained model behind this classifier (its version id), for reports and metrics. */
    String version();
}
