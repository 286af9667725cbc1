package dev.chatbot.model;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ensemble.EnsembleIntentClassifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A model read from its directory: the {@link FaqModel} it serves (the ready ensemble and the FAQ definitions it was
 * trained with, empty when trained from plain CSV or Rasa files), with the directory and manifest it came from.
 */
public record LoadedModel(Path directory, ModelManifest manifest, FaqModel model) {

    public LoadedModel {
        Objects.requireNonNull(manifest, "manifest");
        if (!(model.classifier() instanceof EnsembleIntentClassifier)) {
            throw new IllegalArgumentException("a model directory holds an ensemble");
        }
    }

    /** The ensemble (its members and encoder, for benchmarks and evaluation). */
    public EnsembleIntentClassifier classifier() {
        return (EnsembleIntentClassifier) model.classifier();
    }

    public Map<IntentName, IntentDefinition> intents() {
        return model.faq();
    }
}
