package dev.chatbot.intent.opennlp;

import dev.chatbot.intent.LanguageDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * OpenNLP's language detector with the model that ships inside the {@code opennlp-models-langdetect} jar
 * ({@code langdetect-183.bin}: 103 languages, ISO 639-3). The model spreads its probability over every language, so
 * the best guess counts only when the message has at least {@code minLength} letters and the best guess is at least
 * {@code minRatio} times as likely as the second; otherwise it cannot tell. Codes are answered as ISO 639-1 where
 * one exists. Thread-safe (one decoder per thread over the shared model).
 */
public final class OpenNlpLanguageDetector implements LanguageDetector {

    /** Fewest letters a message needs before its language is guessed (default). */
    public static final int DEFAULT_MIN_LENGTH = 10;
    /** How many times likelier than the runner-up the best language must be (default; chosen on the FAQ's examples). */
    public static final double DEFAULT_MIN_RATIO = 1.3;

    private static final String MODEL = "langdetect-183.bin";
    private static final Map<String, String> TWO_LETTER = twoLetterCodes();

    private final ThreadLocal<LanguageDetectorME> detectors;
    private final int minLength;
    private final double minRatio;

    private OpenNlpLanguageDetector(LanguageDetectorModel model, int minLength, double minRatio) {
        this.detectors = ThreadLocal.withInitial(() -> new LanguageDetectorME(model));
        this.minLength = minLength;
        this.minRatio = minRatio;
    }

    /** Loads the shipped model (about 10 MB; once per process). */
    public static OpenNlpLanguageDetector load(int minLength, double minRatio) {
        if (minLength < 0 || minRatio < 1.0) {
            throw new IllegalArgumentException(
                    "minLength must be >= 0 and minRatio >= 1: " + minLength + ", " + minRatio);
        }
        try (InputStream in = OpenNlpLanguageDetector.class.getClassLoader().getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException(MODEL + " is not on the classpath (opennlp-models-langdetect)");
            }
            return new OpenNlpLanguageDetector(new LanguageDetectorModel(in), minLength, minRatio);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the language model " + MODEL + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> detect(String text) {
        return detect(text, java.util.Set.of());
    }

    @Override
    public Optional<String> detect(String text, java.util.Set<String> expected) {
        if (text == null || letters(text) < minLength) {
            return Optional.empty();
        }
        Language[] ranked = detectors.get().predictLanguages(text);
        if (ranked.length == 0) {
            return Optional.empty();
        }
        String best = code(ranked[0]);
        if (ranked.length == 1 || ranked[0].getConfidence() >= minRatio * ranked[1].getConfidence()) {
            return Optional.of(best);
        }
        if (!expected.contains(best)) {
            return Optional.empty();
        }
        for (int i = 1; i < ranked.length; i++) {
            if (expected.contains(code(ranked[i]))) {
                return ranked[0].getConfidence() >= minRatio * ranked[i].getConfidence()
                        ? Optional.of(best)
                        : Optional.empty();
            }
        }
        return Optional.of(best);
    }

    private static String code(Language language) {
        return TWO_LETTER.getOrDefault(language.getLang(), language.getLang());
    }

    private static int letters(String text) {
        return (int) text.codePoints().filter(Character::isLetter).count();
    }

    private static Map<String, String> twoLetterCodes() {
        Map<String, String> out = new HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            try {
                out.put(new Locale(two).getISO3Language(), two);
            } catch (java.util.MissingResourceException e) {
                // no three-letter code known: keep the model's
            }
        }
        out.put("cmn", "zh"); // the model's Chinese
        return Map.copyOf(out);
    }
}
