package dev.chatbot.intent;

import java.util.List;

/**
 * Trains one model family from encoded examples. Implementations are stateless; {@code train} may use
 * several threads and reports progress through the listener.
 */
public interface ProbabilityModelTrainer {

    String family();

    /**
     * @param texts encoded training messages
     * @param labels for each text the index of its intent in {@code labelSet}
     */
    ProbabilityModel train(List<EncodedText> texts, int[] labels, LabelSet labelSet, TrainingProgress progress);
}
