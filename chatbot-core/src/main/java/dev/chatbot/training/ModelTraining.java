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
import dev.chatbot.model.ModelIo;
import dev.chatbot.model.ModelLoadException;
import dev.chatbot.model.ModelManifest;
import dev.chatbot.model.ModelRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The train use case: train on the data, save a new version into the repository with its manifest,
 * evaluate it on the test rows (when given) and write the report next to it, then promote it.
 */
public final class ModelTraining {

    /** What a training run produced. {@code report} is null when no test rows were given. */
    public record Outcome(String version, Path directory, TrainedModel model, EvaluationReport report) {}

    private final IntentModelTrainer trainer;

    public ModelTraining(IntentModelTrainer trainer) {
        this.trainer = trainer;
    }

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
        TrainedModel model = trainer.train(data, settings, progress);
        String version = model.classifier().version();
        Path dir = repository.newVersionDirectory(version);
        ModelIo.save(dir, model.classifier(), manifest(model, source), data.definitions());
        progress.report("saved " + dir);
        EvaluationReport report = null;
        if (testRows != null && !testRows.isEmpty()) {
            report = new IntentEvaluator(oosLabel).evaluate(model.classifier(), testRows, progress);
            ReportFormat.writeJson(report, dir.resolve("evaluation.json"));
            Files.writeString(dir.resolve("evaluation.txt"), ReportFormat.table(report), StandardCharsets.UTF_8);
        }
        if (promote) {
            repository.promote(version);
            progress.report("promoted " + version + " as " + repository.currentDirectory());
        }
        return new Outcome(version, dir, model, report);
    }

    static ModelManifest manifest(TrainedModel model, String source) {
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
                IntentEngine.STEMMING,
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
                java.util.Map.of(),
                inScope(model));
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
