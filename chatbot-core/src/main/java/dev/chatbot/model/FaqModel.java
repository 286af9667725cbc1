package dev.chatbot.model;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import java.util.Map;
import java.util.Objects;

/**
 * What the bot answers with: a trained intent classifier and the FAQ of its intents (answers, quick replies). A
 * message is classified and answered with one such pair, so a hot swap never mixes one model's intents with another's
 * answers.
 */
public record FaqModel(IntentClassifier classifier, Map<IntentName, IntentDefinition> faq) {

    public FaqModel {
        Objects.requireNonNull(classifier, "classifier");
        faq = Map.copyOf(faq);
    }

    public String version() {
        return classifier.version();
    }

    /** The same FAQ answered through {@code other} (for example the same classifier, timed). */
    public FaqModel withClassifier(IntentClassifier other) {
        return new FaqModel(other, faq);
    }
}
