package dev.chatbot.model;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What the bot answers with: a trained intent classifier and the FAQ of its intents (answers, quick replies), in the
 * FAQ's default language, and the same pair for each further language the FAQ covers. A message is classified and
 * answered with one such pair, so a hot swap never mixes one model's intents with another's answers, nor one
 * language's answers with another's.
 *
 * @param languages the classifier and answers of each further language, by ISO 639-1 code (empty: one language)
 */
public record FaqModel(
        IntentClassifier classifier, Map<IntentName, IntentDefinition> faq, Map<String, FaqModel> languages) {

    public FaqModel {
        Objects.requireNonNull(classifier, "classifier");
        faq = Map.copyOf(faq);
        languages = java.util.Collections.unmodifiableMap(new TreeMap<>(languages == null ? Map.of() : languages));
        for (FaqModel other : languages.values()) {
            if (!other.languages().isEmpty()) {
                throw new IllegalArgumentException("a further language's model has no further languages");
            }
        }
    }

    /** A model in one language. */
    public FaqModel(IntentClassifier classifier, Map<IntentName, IntentDefinition> faq) {
        this(classifier, faq, Map.of());
    }

    public String version() {
        return classifier.version();
    }

    /**
     * The model of a further language, empty when the FAQ is not in {@code language} (the default's own code and null
     * too).
     */
    public Optional<FaqModel> language(String language) {
        return language == null ? Optional.empty() : Optional.ofNullable(languages.get(language));
    }

    /** The same FAQ answered through {@code other} (for example the same classifier, timed); further languages kept. */
    public FaqModel withClassifier(IntentClassifier other) {
        return new FaqModel(other, faq, languages);
    }

    /** The same FAQ with every language's classifier passed through {@code wrap} (for example timed). */
    public FaqModel withClassifiers(UnaryOperator<IntentClassifier> wrap) {
        Map<String, FaqModel> wrapped = new LinkedHashMap<>();
        languages.forEach((code, model) -> wrapped.put(code, model.withClassifier(wrap.apply(model.classifier()))));
        return new FaqModel(wrap.apply(classifier), faq, wrapped);
    }
}
