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

        /** Whether a message detected as {@code language} (null: not detected) is in a language the FAQ covers. */
        public boolean covers(String language) {
            return language == null || covered.contains(language);
        }
    }
}
