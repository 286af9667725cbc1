package dev.chatbot.web.model;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import java.util.Map;
import java.util.Objects;

/** The model the service answers with: its classifier and the FAQ definitions (answers, quick replies). */
public record ServingModel(IntentClassifier classifier, Map<IntentName, IntentDefinition> faq) {

    public ServingModel {
        Objects.requireNonNull(classifier, "classifier");
        faq = Map.copyOf(faq);
    }

    public String version() {
        return classifier.version();
    }
}
