package dev.chatbot.model;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ensemble.EnsembleIntentClassifier;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model read from its directory: the ready classifier, its manifest, and the FAQ definitions
 * (answers, quick replies) it was trained with (empty when trained from plain CSV or Rasa files).
 */
public record LoadedModel(Path directory, EnsembleIntentClassifier classifier, ModelManifest manifest,
                          Map<IntentName, IntentDefinition> intents) {
}
