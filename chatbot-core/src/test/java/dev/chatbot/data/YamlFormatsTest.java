package dev.chatbot.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.intent.IntentName;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlFormatsTest {

    @TempDir
    Path dir;

    @Test
    void readsRasaNluAndStripsEntityAnnotations() throws Exception {
        Path f = write("nlu.yml", """
                version: "3.1"
                nlu:
                - intent: greet
                  examples: |
                    - hey
                    - hello [Anna](name)
                - synonym: foo
                  examples: |
                    - bar
                - intent: bye
                  examples: |
                    - see you in [Paris]{"entity": "city"}
                """);
        var data = TrainingDataLoader.load(f);
        assertThat(data.examples()).extracting(e -> e.text()).containsExactly("hey", "hello Anna", "see you in Paris");
        assertThat(data.examples().get(1).source()).isEqualTo("nlu.yml:6");
    }

    @Test
    void namesTheLineOfABadRasaExample() throws Exception {
        Path f = write("nlu.yml", "nlu:\n- intent: greet\n  examples: |\n    - hey\n    oops no dash\n");
        assertThatThrownBy(() -> TrainingDataLoader.load(f))
                .hasMessage(f + ":5: example lines must start with '- ', found 'oops no dash'");
    }

    @Test
    void readsAnFaqIntentFile() throws Exception {
        Path f = write("order_status.yml", """
                intent: order_status
                category: orders
                alwaysHuman: false
                answer: |
                  Track it in your account.
                quickReplies:
                  - Shipping times
                examples:
                  - "where is my order"
                  - "track: my parcel"
                """);
        var data = TrainingDataLoader.load(f);
        var def = data.definition(IntentName.of("order_status")).orElseThrow();
        assertThat(def.answer()).isEqualTo("Track it in your account.");
        assertThat(def.quickReplies()).containsExactly("Shipping times");
        assertThat(def.category()).isEqualTo("orders");
        assertThat(data.examples()).hasSize(2);
    }

    @Test
    void namesFileAndLineOfYamlSyntaxErrors() throws Exception {
        Path f = write("broken.yml", "intent: a\nanswer: x\nexamples:\n  - \"unclosed\n");
        assertThatThrownBy(() -> TrainingDataLoader.load(f))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(f + ":")
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void refusesAnIntentWithoutAnswer() throws Exception {
        Path f = write("x.yml", "intent: a\nexamples:\n  - hi\n");
        assertThatThrownBy(() -> TrainingDataLoader.load(f)).hasMessage(f + ":1: missing key 'answer'");
    }

    @Test
    void refusesAnIntentDefinedTwiceInADirectory() throws Exception {
        write("a.yml", "intent: same\nanswer: x\nexamples:\n  - hi\n");
        Path second = write("b.yml", "intent: same\nanswer: y\nexamples:\n  - ho\n");
        assertThatThrownBy(() -> TrainingDataLoader.load(dir))
                .hasMessageStartingWith(second + ":1: intent 'same' is already defined");
    }

    @Test
    void theShippedFaqLoadsWithAtLeastFortyIntentsOfTwentyFiveExamples() throws Exception {
        var data = TrainingDataLoader.load(Path.of("..", "training-data"));
        assertThat(data.definitions()).hasSizeGreaterThanOrEqualTo(40);
        var counts = new java.util.HashMap<IntentName, Integer>();
        data.examples().forEach(e -> counts.merge(e.intent(), 1, Integer::sum));
        assertThat(counts.values()).allMatch(c -> c >= 25);
        assertThat(data.definitions().values()).anyMatch(IntentDefinition::alwaysHuman);
        assertThat(data.definitions())
                .containsKeys(
                        IntentName.of("human_request"),
                        IntentName.of("greeting"),
                        IntentName.of("goodbye"),
                        IntentName.of("thanks"));
    }

    @Test
    void theShippedTestSetCoversEveryIntentAndOutOfScope() throws Exception {
        var test = CsvExamples.read(Path.of("..", "training-data", "test.csv"));
        var counts = new java.util.HashMap<IntentName, Integer>();
        test.examples().forEach(e -> counts.merge(e.intent(), 1, Integer::sum));
        var faq = TrainingDataLoader.load(Path.of("..", "training-data"));
        for (IntentName intent : faq.definitions().keySet()) {
            assertThat(counts.getOrDefault(intent, 0)).as(intent.value()).isGreaterThanOrEqualTo(8);
        }
        assertThat(counts.get(IntentName.of("out_of_scope"))).isGreaterThanOrEqualTo(100);
        var trainingTexts = new java.util.HashSet<String>();
        faq.examples().forEach(e -> trainingTexts.add(e.text().toLowerCase()));
        assertThat(test.examples())
                .noneMatch(e -> trainingTexts.contains(e.text().toLowerCase()));
    }

    @Test
    void readsTheSameIntentInAFurtherLanguage() throws Exception {
        Path f = write("order_status.yml", """
                intent: order_status
                category: orders
                team: orders
                answer: Track it in your account.
                examples:
                  - "where is my order"
                languages:
                  de:
                    answer: |
                      Verfolge es in deinem Konto.
                    quickReplies:
                      - Versandkosten
                    examples:
                      - "wo ist meine bestellung"
                      - "wo bleibt mein paket"
                """);
        var data = TrainingDataLoader.load(f);
        assertThat(data.examples()).extracting(e -> e.text()).containsExactly("where is my order");
        var german = data.languages().get("de");
        assertThat(german.examples())
                .extracting(e -> e.text())
                .containsExactly("wo ist meine bestellung", "wo bleibt mein paket");
        assertThat(german.examples().get(1).source()).isEqualTo("order_status.yml:15");
        var def = german.definition(IntentName.of("order_status")).orElseThrow();
        assertThat(def.answer()).isEqualTo("Verfolge es in deinem Konto.");
        assertThat(def.quickReplies()).containsExactly("Versandkosten");
        assertThat(def.category()).isEqualTo("orders");
        assertThat(def.team()).isEqualTo("orders");
    }

    @Test
    void refusesALanguageThatIsNotACodeOrHasNoExamples() throws Exception {
        Path badCode = write(
                "a.yml",
                "intent: a\nanswer: x\nexamples:\n  - hi\nlanguages:\n  German:\n    answer: y\n"
                        + "    examples:\n      - hallo\n");
        assertThatThrownBy(() -> TrainingDataLoader.load(badCode))
                .hasMessage(badCode + ":6: a language is named by its ISO 639-1 code (for example de), found 'German'");
        Path noExamples = write("b.yml", "intent: b\nanswer: x\nexamples:\n  - hi\nlanguages:\n  de:\n    answer: y\n");
        assertThatThrownBy(() -> TrainingDataLoader.load(noExamples))
                .hasMessage(noExamples + ":7: missing key 'examples'");
    }

    @Test
    void theShippedGermanTestSetCoversTheGermanIntentsAndSharesNoTrainingExample() throws Exception {
        var faq = TrainingDataLoader.load(Path.of("..", "training-data"));
        var german = faq.languages().get("de");
        assertThat(german.definitions()).hasSize(11); // ten intents and out_of_scope
        var counts = new java.util.HashMap<IntentName, Integer>();
        german.examples().forEach(e -> counts.merge(e.intent(), 1, Integer::sum));
        assertThat(counts.values()).allMatch(c -> c >= 15);
        var test = CsvExamples.read(Path.of("..", "training-data", "test-de.csv"));
        var testCounts = new java.util.HashMap<IntentName, Integer>();
        test.examples().forEach(e -> testCounts.merge(e.intent(), 1, Integer::sum));
        assertThat(testCounts.keySet()).isEqualTo(german.definitions().keySet());
        var trainingTexts = new java.util.HashSet<String>();
        german.examples().forEach(e -> trainingTexts.add(e.text().toLowerCase()));
        assertThat(test.examples())
                .noneMatch(e -> trainingTexts.contains(e.text().toLowerCase()));
    }

    private Path write(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }
}
