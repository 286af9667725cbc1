package dev.chatbot.intent.opennlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OpenNLP's language detector with the model from its jar: ISO 639-1 codes, and no guess on what is too short. */
class OpenNlpLanguageDetectorTest {

    private static OpenNlpLanguageDetector detector;

    @BeforeAll
    static void load() {
        detector = OpenNlpLanguageDetector.load(
                OpenNlpLanguageDetector.DEFAULT_MIN_LENGTH, OpenNlpLanguageDetector.DEFAULT_MIN_RATIO);
    }

    @Test
    void tellsLanguagesApartAsTwoLetterCodes() {
        assertThat(detector.detect("Mir wurde der Betrag für meine Bestellung doppelt abgebucht"))
                .contains("de");
        assertThat(detector.detect("注文した商品がまだ届いていません。どうすればいいですか？")).contains("ja");
        assertThat(detector.detect("Can you recommend a good plumber for my kitchen sink?"))
                .contains("en");
    }

    @Test
    void doesNotGuessOnShortOrUnclearMessages() {
        assertThat(detector.detect("danke")).isEmpty();
        assertThat(detector.detect("hello")).isEmpty();
        assertThat(detector.detect("12345 67890 !!!")).isEmpty();
        assertThat(detector.detect("")).isEmpty();
        assertThat(detector.detect(null)).isEmpty();
    }

    @Test
    void tellsAShortMessageInAnExpectedLanguageThatALanguageNobodyExpectsMakesUnclear() {
        String german = "Wann bekomme ich meine Ware?";
        assertThat(detector.detect(german))
                .as("close to other languages of the 103")
                .isEmpty();
        assertThat(detector.detect(german, java.util.Set.of("en", "de"))).contains("de");
        assertThat(detector.detect(
                        "Can you recommend a good plumber for my kitchen sink?", java.util.Set.of("en", "de")))
                .contains("en");
        assertThat(detector.detect(german, java.util.Set.of("en")))
                .as("German is not expected")
                .isEmpty();
        assertThat(detector.detect("danke", java.util.Set.of("en", "de"))).isEmpty();
    }
}
