package dev.chatbot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.data.TrainingData;
import dev.chatbot.data.TrainingDataLoader;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.LanguageDetector;
import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.intent.opennlp.MaxentIntentTrainer;
import dev.chatbot.intent.opennlp.OpenNlpLanguageDetector;
import dev.chatbot.intent.opennlp.OpenNlpTextPipeline;
import dev.chatbot.model.LanguageRouting;
import dev.chatbot.model.LoadedModel;
import dev.chatbot.model.ModelIo;
import dev.chatbot.training.IntentModelTrainer;
import dev.chatbot.training.TrainedModel;
import dev.chatbot.training.TrainingSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The quality gate on the model the repository ships ({@code models/current}) against the held-out test set, and
 * proof that the gate can fail: a model trained without half the intents is refused.
 */
class ShippedModelQualityTest {

    private static final Path MODEL = Path.of("../models/current");
    private static final Path DATA = Path.of("../training-data");
    private static final IntentName OOS = IntentName.of("out_of_scope");
    /** Floors on the German held-out set, a little under what the shipped model measured (docs/benchmarks.md). */
    private static final double GERMAN_ACCURACY = 0.92;

    private static final double GERMAN_ANSWERED_PRECISION = 0.95;
    private static final double GERMAN_COVERAGE = 0.50;

    private static List<Example> testRows() throws Exception {
        return CsvExamples.read(DATA.resolve("test.csv")).examples();
    }

    @Test
    void theShippedModelReachesTheFloorsOnTheTestSet() throws Exception {
        LoadedModel model = ModelIo.load(MODEL);
        EvaluationReport report =
                new IntentEvaluator(OOS).evaluate(model.classifier(), testRows(), TrainingProgress.SILENT);
        System.out.printf(
                "models/current %s: accuracy %.4f, answered precision %.4f, out-of-scope recall %.4f%n",
                report.modelVersion(), report.accuracy(), report.answeredPrecision(), report.oosRecall());
        assertThat(QualityGate.SHIPPED.shortfalls(report))
                .as("quality gate on models/current")
                .isEmpty();
    }

    @Test
    void theShippedModelAnswersTheGermanTestSetInGermanAsServed() throws Exception {
        LoadedModel model = ModelIo.load(MODEL);
        assertThat(model.manifest().languages()).containsExactly("en", "de");
        LanguageRouting routing = new LanguageRouting(new LanguageDetector.Languages(
                OpenNlpLanguageDetector.load(
                        OpenNlpLanguageDetector.DEFAULT_MIN_LENGTH, OpenNlpLanguageDetector.DEFAULT_MIN_RATIO),
                "en",
                Set.of("en")));
        List<Example> german = CsvExamples.read(DATA.resolve("test-de.csv")).examples();
        EvaluationReport report =
                new IntentEvaluator(OOS).evaluate(routing.asClassifier(model.model()), german, TrainingProgress.SILENT);
        System.out.printf(
                "models/current German, as served: accuracy %.4f, answered precision %.4f, coverage %.4f%n",
                report.accuracy(), report.answeredPrecision(), report.coverage());
        assertThat(report.accuracy()).as("German accuracy").isGreaterThanOrEqualTo(GERMAN_ACCURACY);
        assertThat(report.answeredPrecision())
                .as("German answered precision")
                .isGreaterThanOrEqualTo(GERMAN_ANSWERED_PRECISION);
        assertThat(report.coverage()).as("German coverage").isGreaterThanOrEqualTo(GERMAN_COVERAGE);
    }

    @Test
    void aModelTrainedWithoutHalfTheIntentsFailsTheGate() throws Exception {
        TrainingData all = TrainingDataLoader.load(DATA);
        List<IntentName> intents = all.examples().stream()
                .map(Example::intent)
                .filter(i -> !i.equals(OOS))
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .toList();
        Set<IntentName> kept = new TreeSet<>();
        for (int i = 0; i < intents.size(); i += 2) {
            kept.add(intents.get(i));
        }
        kept.add(OOS);
        TrainingData half = new TrainingData(
                all.examples().stream().filter(e -> kept.contains(e.intent())).toList(), all.definitions());
        // the project's trainer with its quickest engine (maximum entropy alone): seconds, not minutes
        IntentModelTrainer trainer = new IntentModelTrainer(
                new OpenNlpTextPipeline(true), null, List.of(new MaxentIntentTrainer(100, 0.1, 1, false)));
        TrainedModel degraded = trainer.train(half, TrainingSettings.defaults(), TrainingProgress.SILENT);

        EvaluationReport report =
                new IntentEvaluator(OOS).evaluate(degraded.classifier(), testRows(), TrainingProgress.SILENT);
        System.out.printf(
                "without half the intents: accuracy %.4f, answered precision %.4f, out-of-scope recall %.4f%n",
                report.accuracy(), report.answeredPrecision(), report.oosRecall());
        assertThat(QualityGate.SHIPPED.shortfalls(report))
                .as("quality gate on a model missing half the intents")
                .isNotEmpty()
                .anyMatch(s -> s.startsWith("accuracy"));
    }
}
