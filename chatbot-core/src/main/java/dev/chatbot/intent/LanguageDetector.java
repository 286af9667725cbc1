package dev.chatbot.intent;

import java.util.Optional;
import java.util.Set;

/**
 * Tells which language a customer message is in. Short messages are hard to tell: an adapter answers only when it
 * is confident, and the caller then falls back to the FAQ's default language. Thread-safe.
 */
public interface LanguageDetector {

    /** The message's language as an ISO 639-1 code (for example {@code de}), or empty when it cannot tell. */
    Optional<String> detect(String text);

    /**
     * The message's language when the caller expects one of {@code expected} (the languages the FAQ answers in): an
     * adapter may then tell with less certainty when its best guess is one of them and clearly ahead of the others
     * expected (a short German message that could also be Dutch, in a shop that answers in English and German).
     * The default ignores the expectation.
     */
    default Optional<String> detect(String text, Set<String> expected) {
        return detect(text);
    }

    /** A detector that never tells (detection off). */
    LanguageDetector NONE = text -> Optional.empty();

    /**
     * Which languages the FAQ covers and what a message is taken to be in when the detector cannot tell.
     *
     * @param detector the language detector ({@link #NONE}: every message is in {@code defaultLanguage})
     * @param defaultLanguage the FAQ's language for messages whose language is not detected
     * @param covered the languages the FAQ answers in (contains {@code defaultLanguage})
     */
    record Languages(LanguageDetector detector, String defaultLanguage, Set<String> covered) {
        public Languages {
            java.util.Objects.requireNonNull(detector, "detector");
            java.util.Objects.requireNonNull(defaultLanguage, "defaultLanguage");
            java.util.Set<String> all = new java.util.TreeSet<>(covered);
            all.add(defaultLanguage);
            covered = java.util.Collections.unmodifiableSet(all);
        }

        /** No detection: every message is in English, the FAQ's language. */
        public static Languages englishOnly() {
            return new Languages(NONE, "en", Set.of("en"));
        }

        /** The detected language, or null when the detector cannot tell. */
        public String detected(String text) {
            return detector.detect(text).orElse(null);
        }

        /** The detected language, expecting the covered ones and {@code further} (null: the detector cannot tell). */
        public String detected(String text, Set<String> further) {
            if (further.isEmpty()) {
                return detector.detect(text, covered).orElse(null);
            }
            java.util.Set<String> expected = new java.util.TreeSet<>(covered);
            expected.addAll(further);
            return detector.detect(text, expected).orElse(null);
        }

        /** Whether a message detected as {@code language} (null: not detected) is in a language the FAQ covers. */
        public boolean covers(String language) {
            return language == null || covered.contains(language);
        }
    }
}
