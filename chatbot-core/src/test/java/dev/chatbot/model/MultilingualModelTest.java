package dev.chatbot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.data.TrainingData;
import dev.chatbot.data.TrainingDataLoader;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.LanguageDetector;
import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.intent.opennlp.MaxentIntentTrainer;
import dev.chatbot.intent.opennlp.OpenNlpTextPipeline;
import dev.chatbot.training.IntentModelTrainer;
import dev.chatbot.training.ModelTraining;
import dev.chatbot.training.TrainingSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An FAQ with German sections trains a German model beside the English one, in one model directory that loads as a
 * whole, and routing answers each message with the model of its language.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultilingualModelTest {

    @TempDir
    static Path root;

    private ModelRepository repository;
    private ModelTraining.Outcome outcome;

    @BeforeAll
    void trainsAModelFromIntentFilesWithGermanSections() throws Exception {
        Path data = Files.createDirectories(root.resolve("data/intents"));
        intent(
                data,
                "order_status",
                "Track it in your account.",
                "Verfolge es in deinem Konto.",
                List.of(
                        "where is my order",
                        "track my parcel",
                        "has my order shipped",
                        "my package has not arrived",
                        "when will my order arrive",
                        "tracking number for my order",
                        "order still not here"),
                List.of(
                        "wo ist meine bestellung",
                        "wo bleibt mein paket",
                        "ist meine bestellung schon verschickt",
                        "mein paket ist nicht angekommen",
                        "wann kommt meine bestellung",
                        "sendungsnummer meiner bestellung",
                        "bestellung immer noch nicht da"));
        intent(
                data,
                "refund_status",
                "Refunds take 5 days.",
                "Erstattungen dauern 5 Tage.",
                List.of(
                        "where is my refund",
                        "when do I get my money back",
                        "refund not received",
                        "money back for my return",
                        "has my refund been paid",
                        "still waiting for my refund",
                        "refund status please"),
                List.of(
                        "wo ist meine erstattung",
                        "wann bekomme ich mein geld zurück",
                        "erstattung nicht erhalten",
                        "geld zurück für meine rücksendung",
                        "wurde meine erstattung bezahlt",
                        "warte noch auf mein geld",
                        "stand meiner erstattung bitte"));
        intent(
                data,
                "opening_hours",
                "We open at 9.",
                null,
                List.of(
                        "when do you open",
                        "opening hours",
                        "are you open on sunday",
                        "what time do you close",
                        "store hours please",
                        "are you open today",
                        "when does the shop open"),
                null);
        TrainingData training = TrainingDataLoader.load(root.resolve("data"));
        IntentModelTrainer english = new IntentModelTrainer(
                new OpenNlpTextPipeline(true), null, List.of(new MaxentIntentTrainer(50, 0.1, 1, false)));
        repository = new ModelRepository(Files.createDirectories(root.resolve("models")));
        List<Example> germanTest = List.of(
                new Example("wo ist mein paket", IntentName.of("order_status"), "test"),
                new Example("wann kommt mein geld zurück", IntentName.of("refund_status"), "test"));
        outcome = new ModelTraining(english)
                .run(
                        training,
                        "inline",
                        TrainingSettings.defaults().withRejectLabel(null),
                        repository,
                        List.of(),
                        Map.of("de", germanTest),
                        null,
                        true,
                        TrainingProgress.SILENT);
    }

    @Test
    void theDirectoryRecordsItsLanguagesAndLoadsEachOnesAnswers() throws Exception {
        LoadedModel loaded = ModelIo.load(repository.currentDirectory());
        assertThat(loaded.manifest().languages()).containsExactly("en", "de");
        assertThat(loaded.intents().get(IntentName.of("order_status")).answer()).isEqualTo("Track it in your account.");
        FaqModel german = loaded.model().language("de").orElseThrow();
        assertThat(german.faq()).containsOnlyKeys(IntentName.of("order_status"), IntentName.of("refund_status"));
        assertThat(german.faq().get(IntentName.of("refund_status")).answer()).isEqualTo("Erstattungen dauern 5 Tage.");
        assertThat(german.version()).isEqualTo(loaded.manifest().version());
        assertThat(ModelIo.readManifest(loaded.directory().resolve("de")).members())
                .extracting(ModelManifest.Member::family)
                .containsExactly("opennlp-maxent");
        assertThat(outcome.languages().get("de").report().examples()).isEqualTo(2);
        assertThat(loaded.directory().resolve("de/evaluation.json")).isRegularFile();
    }

    @Test
    void aChangedLanguageModelIsRefusedWithTheWholeDirectory() throws Exception {
        Path copy = root.resolve("tampered");
        copyTree(repository.currentDirectory(), copy);
        Path germanAnswers = copy.resolve("de").resolve(ModelIo.INTENTS_FILE);
        Files.writeString(germanAnswers, Files.readString(germanAnswers).replace("5 Tage", "50 Tage"));
        assertThatThrownBy(() -> ModelIo.load(copy)).hasMessageContaining("checksum mismatch");

        copyTree(repository.currentDirectory(), root.resolve("tampered2"));
        Path subManifest = root.resolve("tampered2/de").resolve(ModelManifest.FILE);
        Files.writeString(subManifest, Files.readString(subManifest) + " ");
        assertThatThrownBy(() -> ModelIo.load(root.resolve("tampered2"))).hasMessageContaining("checksum mismatch");
    }

    @Test
    void routingAnswersEachMessageWithTheModelOfItsLanguage() throws Exception {
        FaqModel served = ModelIo.load(repository.currentDirectory()).model();
        LanguageDetector byWord = text -> text.startsWith("wo ") || text.startsWith("wann ")
                ? Optional.of("de")
                : text.startsWith("doko") ? Optional.of("ja") : Optional.empty();
        LanguageRouting routing = new LanguageRouting(new LanguageDetector.Languages(byWord, "en", Set.of("en")));

        LanguageRouting.Routed german = routing.classify(served, "wo bleibt meine erstattung");
        assertThat(german.language()).isEqualTo("de");
        assertThat(german.model()).isSameAs(served.language("de").orElseThrow());
        assertThat(german.prediction().intent()).isEqualTo(IntentName.of("refund_status"));

        LanguageRouting.Routed undetected = routing.classify(served, "refund status");
        assertThat(undetected.model()).isSameAs(served);
        assertThat(undetected.prediction().intent()).isEqualTo(IntentName.of("refund_status"));

        LanguageRouting.Routed japanese = routing.classify(served, "doko desu ka");
        assertThat(japanese.supported()).isFalse();
        assertThat(routing.asClassifier(served).classify("doko desu ka").confident())
                .isFalse();
    }

    private static void intent(
            Path dir, String name, String answer, String german, List<String> examples, List<String> germanExamples)
            throws Exception {
        StringBuilder yml =
                new StringBuilder("intent: " + name + "\ncategory: " + name + "\nanswer: " + answer + "\nexamples:\n");
        examples.forEach(e -> yml.append("  - \"").append(e).append("\"\n"));
        if (german != null) {
            yml.append("languages:\n  de:\n    answer: |\n      ")
                    .append(german)
                    .append("\n    examples:\n");
            germanExamples.forEach(e -> yml.append("      - \"").append(e).append("\"\n"));
        }
        Files.writeString(dir.resolve(name + ".yml"), yml, StandardCharsets.UTF_8);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        from = from.toRealPath();
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
