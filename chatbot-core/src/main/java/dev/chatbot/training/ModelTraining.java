package dev.chatbot.training;

import dev.chatbot.data.TrainingData;
import dev.chatbot.evaluation.EvaluationReport;
import dev.chatbot.evaluation.IntentEvaluator;
import dev.chatbot.evaluation.ReportFormat;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.intent.ensemble.MemberCalibration;
import dev.chatbot.intent.knn.NearestNeighbourModel;
import dev.chatbot.intent.opennlp.MaxentIntentModel;
import dev.chatbot.model.ModelIo;
import dev.chatbot.model.ModelLoadException;
import dev.chatbot.model.ModelManifest;
import dev.chatbot.model.ModelRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The train use case: train on the data, save a new version into the repository with its manifest,
 * evaluate it on the test rows (when given) and write the report next to it, then promote it.
 */
public final class ModelTraining {

    /**
     * What a training run produced. {@code report} is null when no test rows were given; {@code languages} has what
     * was trained for each further language of the data.
     */
    public record Outcome(
            String version,
            Path directory,
            TrainedModel model,
            EvaluationReport report,
            Map<String, LanguageOutcome> languages) {

        public Outcome(String version, Path directory, TrainedModel model, EvaluationReport report) {
            this(version, directory, model, report, Map.of());
        }
    }

    /** A further language's model and its report on that language's test rows (null when there are none). */
    public record LanguageOutcome(TrainedModel model, EvaluationReport report) {}

    /** The language of the FAQ's own (top-level) answers and examples. */
    public static final String DEFAULT_LANGUAGE = "en";

    private final IntentModelTrainer trainer;
    private final IntFunction<IntentModelTrainer> languageTrainers;

    public ModelTraining(IntentModelTrainer trainer) {
        this(trainer, IntentEngine::languageTrainer);
    }

    /** @param languageTrainers the trainer of a further language's model, by thread count */
    public ModelTraining(IntentModelTrainer trainer, IntFunction<IntentModelTrainer> languageTrainers) {
        this.trainer = trainer;
        this.languageTrainers = languageTrainers;
    }

    /** As below, with no test rows for the further languages. */
    public Outcome run(
            TrainingData data,
            String source,
            TrainingSettings settings,
            ModelRepository repository,
            List<Example> testRows,
            IntentName oosLabel,
            boolean promote,
            TrainingProgress progress)
            throws IOException, ModelLoadException {
        return run(data, source, settings, repository, testRows, Map.of(), oosLabel, promote, progress);
    }

    /**
     * Trains the model of the data's own language, and one model per further language of the data (the maxent family,
     * which works for any language) saved in the sub-directory named by its code; evaluates each on its test rows
     * ({@code languageTestRows} by code for the further languages), saves and promotes the version.
     */
    public Outcome run(
            TrainingData data,
            String source,
            TrainingSettings settings,
            ModelRepository repository,
            List<Example> testRows,
            Map<String, List<Example>> languageTestRows,
            IntentName oosLabel,
            boolean promote,
            TrainingProgress progress)
            throws IOException, ModelLoadException {
        TrainedModel model = trainer.train(data.withoutLanguages(), settings, progress);
        String version = model.classifier().version();
        Path dir = repository.newVersionDirectory(version);
        Map<String, LanguageOutcome> languages = new LinkedHashMap<>();
        List<String> codes = new ArrayList<>();
        codes.add(DEFAULT_LANGUAGE);
        for (var entry : data.languages().entrySet()) {
            String code = entry.getKey();
            progress.report("language " + code + ": training its own model (" + MaxentIntentModel.FAMILY + ")");
            TrainedModel own = languageTrainers.apply(settings.threads()).train(entry.getValue(), settings, progress);
            Path sub = dir.resolve(code);
            ModelIo.save(
                    sub,
                    own.classifier(),
                    manifest(own, source + " (" + code + ")", false)
                            .withVersion(version)
                            .withLanguages(List.of(code)),
                    entry.getValue().definitions());
            List<Example> rows = languageTestRows.getOrDefault(code, List.of());
            languages.put(code, new LanguageOutcome(own, rows.isEmpty() ? null : evaluate(own, rows, oosLabel, sub)));
            codes.add(code);
        }
        ModelManifest draft = manifest(model, source, IntentEngine.STEMMING);
        ModelIo.save(
                dir, model.classifier(), codes.size() > 1 ? draft.withLanguages(codes) : draft, data.definitions());
        progress.report("saved " + dir);
        EvaluationReport report = null;
        if (testRows != null && !testRows.isEmpty()) {
            report = evaluate(model, testRows, oosLabel, dir);
        }
        if (promote) {
            repository.promote(version);
            progress.report("promoted " + version + " as " + repository.currentDirectory());
        }
        return new Outcome(version, dir, model, report, languages);
    }

    private static EvaluationReport evaluate(TrainedModel model, List<Example> rows, IntentName oosLabel, Path dir)
            throws IOException {
        EvaluationReport report =
                new IntentEvaluator(oosLabel).evaluate(model.classifier(), rows, TrainingProgress.SILENT);
        ReportFormat.writeJson(report, dir.resolve("evaluation.json"));
        Files.writeString(dir.resolve("evaluation.txt"), ReportFormat.table(report), StandardCharsets.UTF_8);
        return report;
    }

    static ModelManifest manifest(TrainedModel model, String source) {
        return manifest(model, source, IntentEngine.STEMMING);
    }

    static ModelManifest manifest(TrainedModel model, String source, boolean stemming) {
        var c = model.classifier();
        var selection = model.threshold();
        var chosen = selection.chosen();
        TrainingSettings s = model.settings();
        IntentName reject = s.rejectLabel() != null && c.labelSet().contains(s.rejectLabel()) ? s.rejectLabel() : null;
        return new ModelManifest(
                ModelManifest.FORMAT_VERSION,
                c.version(),
                Instant.now().toString(),
                c.pipeline().describe(),
                stemming,
                c.encoder() == null ? null : c.encoder().name(),
                c.labels().stream().map(IntentName::value).toList(),
                reject == null ? null : reject.value(),
                c.calibrations().stream().map(ModelTraining::member).toList(),
                c.threshold(),
                s.targetPrecision(),
                s.oosShare(),
                new ModelManifest.TrainingInfo(
                        model.data().fingerprint(),
                        model.data().examples().size(),
                        c.labels().size(),
                        source,
                        model.duration().toMillis() / 1000.0,
                        s.calibrationGroups(),
                        s.seed()),
                new ModelManifest.Calibration(
                        model.heldOutAccuracy(),
                        model.calibrationSamples(),
                        model.simulatedUnknowns(),
                        chosen == null ? Double.NaN : chosen.coverage(),
                        chosen == null ? Double.NaN : chosen.precision(),
                        chosen == null ? Double.NaN : chosen.unknownAnswered(),
                        selection.targetReached()),
                Map.of(),
                inScope(model),
                null); // one language: a model of several gets its languages when they are put together
    }

    private static ModelManifest.InScope inScope(TrainedModel model) {
        var gate = model.classifier().gate();
        if (gate == null) {
            return null;
        }
        var without = model.scope().withoutGate().chosen();
        return new ModelManifest.InScope(
                gate.weights(),
                gate.bias(),
                NearestNeighbourModel.NEIGHBOURHOOD,
                model.threshold().chosen() == null
                        ? Double.NaN
                        : model.threshold().chosen().coverage(),
                without == null ? Double.NaN : without.coverage());
    }

    private static ModelManifest.Member member(MemberCalibration c) {
        return new ModelManifest.Member(c.family(), c.temperature(), c.weight());
    }
}
