package dev.chatbot.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.LanguageDetector;
import dev.chatbot.testing.FakeIntentClassifier;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LanguageRoutingTest {

    private final FaqModel german = new FaqModel(
            new FakeIntentClassifier(0.9)
                    .when("Versandkosten", "shipping_cost", 0.99, "order_status", 0.01)
                    .when("wo ist mein paket", "order_status", 0.97, "shipping_cost", 0.01)
                    .when("hello there", "shipping_cost", 0.5, "order_status", 0.3)
                    .when("Hallöchen", "out_of_scope", 0.95, "order_status", 0.01),
            Map.of());
    private final FaqModel served = new FaqModel(
            new FakeIntentClassifier(0.7)
                    .when("Versandkosten", "out_of_scope", 0.8, "shipping_cost", 0.1)
                    .when("hello there", "greeting", 0.95, "order_status", 0.01)
                    .when("Hallöchen", "greeting", 0.4, "order_status", 0.3),
            Map.of(),
            Map.of("de", german));
    private final LanguageRouting routing = new LanguageRouting(new LanguageDetector.Languages(
            text -> text.startsWith("wo ")
                    ? Optional.of("de")
                    : text.startsWith("doko") ? Optional.of("ja") : Optional.empty(),
            "en",
            Set.of("en")));

    @Test
    void aDetectedLanguageIsClassifiedByItsOwnModel() {
        LanguageRouting.Routed routed = routing.classify(served, "wo ist mein paket");
        assertThat(routed.language()).isEqualTo("de");
        assertThat(routed.model()).isSameAs(german);
        assertThat(routed.prediction().intent()).isEqualTo(IntentName.of("order_status"));
        assertThat(served.language(null)).isEmpty();
        assertThat(served.language("fr")).isEmpty();
    }

    @Test
    void anUndetectedMessageTheDefaultModelAnswersStaysWithIt() {
        LanguageRouting.Routed routed = routing.classify(served, "hello there");
        assertThat(routed.language()).isNull();
        assertThat(routed.model()).isSameAs(served);
        assertThat(routed.prediction().intent()).isEqualTo(IntentName.of("greeting"));
    }

    @Test
    void anUndetectedMessageOnlyAFurtherLanguagesModelAnswersGoesToThatModel() {
        LanguageRouting.Routed routed = routing.classify(served, "Versandkosten");
        assertThat(routed.language()).as("still not detected").isNull();
        assertThat(routed.model()).isSameAs(german);
        assertThat(routed.prediction().intent()).isEqualTo(IntentName.of("shipping_cost"));
    }

    @Test
    void anUndetectedMessageNoModelWouldAnswerKeepsTheDefaultModelsGuesses() {
        LanguageRouting.Routed routed = routing.classify(served, "Hallöchen");
        assertThat(routed.model()).as("a rejection is no answer").isSameAs(served);
        assertThat(routed.prediction().confident()).isFalse();
    }

    @Test
    void aLanguageTheFaqDoesNotCoverIsNotClassified() {
        LanguageRouting.Routed routed = routing.classify(served, "doko desu ka");
        assertThat(routed.language()).isEqualTo("ja");
        assertThat(routed.supported()).isFalse();
        assertThat(routing.asClassifier(served).classify("doko desu ka").confident())
                .isFalse();
    }
}
