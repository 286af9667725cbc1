package dev.chatbot.model;

import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.IntentPrediction;
import dev.chatbot.intent.LanguageDetector;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The classifier's entry point: detects a message's language, then classifies it with the served model of that
 * language, whose answers are then in that language too. Detection expects the languages the FAQ answers in. A
 * message whose language is not detected (too short to tell, like the quick reply "Versandkosten") is classified by
 * the default language's model; when that model would not answer it, a further language's model that would (confident,
 * not rejected) answers instead. A message in a language the FAQ does not cover is not classified at all: it is not
 * guessed at. Thread-safe (the detector and the models are).
 */
public final class LanguageRouting {

    /** What routing found: the detected language (null: not detected), the model chosen and its prediction. */
    public record Routed(String language, FaqModel model, IntentPrediction prediction) {
        public Routed {
            Objects.requireNonNull(model, "model");
        }

        /** Whether the FAQ covers the message's language (else there is no prediction). */
        public boolean supported() {
            return prediction != null;
        }
    }

    /** The label of explicit "none of the FAQ" predictions, unless told otherwise. */
    public static final IntentName DEFAULT_REJECT = IntentName.of("out_of_scope");

    private final LanguageDetector.Languages languages;
    private final java.util.Set<IntentName> rejectIntents;

    public LanguageRouting(LanguageDetector.Languages languages) {
        this(languages, java.util.Set.of(DEFAULT_REJECT));
    }

    /** @param rejectIntents labels that mean "none of the FAQ" (a model predicting one would not answer) */
    public LanguageRouting(LanguageDetector.Languages languages, java.util.Set<IntentName> rejectIntents) {
        this.languages = Objects.requireNonNull(languages, "languages");
        this.rejectIntents = java.util.Set.copyOf(rejectIntents);
    }

    /** Detects then classifies {@code text} with the model of its language in {@code served}. */
    public Routed classify(FaqModel served, String text) {
        String language = languages.detected(text, served.languages().keySet());
        if (language == null && !served.languages().isEmpty()) {
            return undetected(served, text);
        }
        Optional<FaqModel> model = modelFor(served, language);
        return model.isEmpty()
                ? new Routed(language, served, null)
                : new Routed(language, model.get(), model.get().classifier().classify(text));
    }

    /** The default model's prediction, unless it would not answer and a further language's model would. */
    private Routed undetected(FaqModel served, String text) {
        IntentPrediction own = served.classifier().classify(text);
        if (answers(own)) {
            return new Routed(null, served, own);
        }
        Routed best = new Routed(null, served, own);
        for (FaqModel further : served.languages().values()) {
            IntentPrediction p = further.classifier().classify(text);
            if (answers(p)
                    && (best.model() == served
                            || p.confidence() > best.prediction().confidence())) {
                best = new Routed(null, further, p);
            }
        }
        return best;
    }

    private boolean answers(IntentPrediction prediction) {
        return prediction.confident() && !rejectIntents.contains(prediction.intent());
    }

    /**
     * The model that answers a message in {@code language} (null: not detected): the further language's own model,
     * else the default model for the default language and the languages configured as covered by it, else none.
     */
    public Optional<FaqModel> modelFor(FaqModel served, String language) {
        if (language == null) {
            return Optional.of(served);
        }
        Optional<FaqModel> own = served.language(language);
        if (own.isPresent()) {
            return own;
        }
        return languages.covers(language) ? Optional.of(served) : Optional.empty();
    }

    /**
     * {@code served} as one {@link IntentClassifier} that routes each message as the service does, for evaluation and
     * benchmarks: a message in a language the FAQ does not cover gets the default model's guesses with a threshold
     * no probability reaches, so it counts as escalated.
     */
    public IntentClassifier asClassifier(FaqModel served) {
        TreeSet<IntentName> labels = new TreeSet<>(java.util.Comparator.comparing(IntentName::value));
        labels.addAll(served.classifier().labels());
        served.languages().values().forEach(m -> labels.addAll(m.classifier().labels()));
        List<IntentName> allLabels = List.copyOf(labels);
        return new IntentClassifier() {
            @Override
            public IntentPrediction classify(String message) {
                Routed routed = LanguageRouting.this.classify(served, message);
                if (routed.supported()) {
                    return routed.prediction();
                }
                return new IntentPrediction(
                        served.classifier().classify(message).ranked(), Math.nextUp(1.0));
            }

            @Override
            public List<IntentName> labels() {
                return allLabels;
            }

            @Override
            public String version() {
                return served.version();
            }
        };
    }
}
