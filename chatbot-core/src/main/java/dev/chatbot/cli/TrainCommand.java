package dev.chatbot.cli;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.data.DataFormatException;
import dev.chatbot.data.TrainingData;
import dev.chatbot.data.TrainingDataLoader;
import dev.chatbot.evaluation.ReportFormat;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.model.ModelLoadException;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.training.IntentEngine;
import dev.chatbot.training.ModelTraining;
import dev.chatbot.training.TrainingSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code chatbot train}: train a new model version, evaluate it, write the report, promote it. */
final class TrainCommand {

    private final PrintStream out;

    TrainCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) throws UsageException, DataFormatException, IOException, ModelLoadException {
        Args args = Args.parse(
                argv,
                Set.of(
                        "data",
                        "out",
                        "test",
                        "oos-label",
                        "target-precision",
                        "oos-share",
                        "threads",
                        "seed",
                        "groups"),
                Set.of("no-promote"));
        Path data = Path.of(args.require("data"));
        Path outDir = Path.of(args.get("out", "models"));
        IntentName oosLabel = IntentName.of(args.get("oos-label", "out_of_scope"));
        TrainingSettings defaults = TrainingSettings.defaults();
        TrainingSettings settings = new TrainingSettings(
                args.number("target-precision", defaults.targetPrecision()),
                args.number("oos-share", defaults.oosShare()),
                (int) args.number("groups", defaults.calibrationGroups()),
                defaults.holdoutShare(),
                defaults.calibrationCap(),
                oosLabel,
                (int) args.number("threads", defaults.threads()),
                (long) args.number("seed", defaults.seed()));
        Progress progress = new Progress(out);
        progress.report("loading " + data);
        TrainingData training = TrainingDataLoader.load(data);
        List<Example> testRows = List.of();
        Path test = args.get("test", null) != null ? Path.of(args.get("test", null)) : defaultTestFile(data);
        if (test != null) {
            testRows = CsvExamples.read(test).examples();
            progress.report("test set " + test + ": " + testRows.size() + " messages");
        }
        java.util.Map<String, List<Example>> languageTests = new java.util.TreeMap<>();
        for (String code : training.languages().keySet()) {
            Path languageTest = Files.isDirectory(data) ? data.resolve("test-" + code + ".csv") : null;
            if (languageTest != null && Files.isRegularFile(languageTest)) {
                languageTests.put(code, CsvExamples.read(languageTest).examples());
                progress.report("test set " + languageTest + ": "
                        + languageTests.get(code).size() + " messages");
            }
        }
        Files.createDirectories(outDir);
        ModelTraining.Outcome outcome = new ModelTraining(IntentEngine.trainer(settings.threads()))
                .run(
                        training,
                        data.toString(),
                        settings,
                        new ModelRepository(outDir),
                        testRows,
                        languageTests,
                        oosLabel,
                        !args.flag("no-promote"),
                        progress);
        if (outcome.report() != null) {
            out.println();
            out.print(ReportFormat.table(outcome.report()));
            out.print(ReportFormat.calibrationError(outcome.report(), settings.targetPrecision()));
        }
        outcome.languages().forEach((code, language) -> {
            if (language.report() != null) {
                out.printf("%nlanguage %s (its own model, %s/%s):%n", code, outcome.directory(), code);
                out.print(ReportFormat.table(language.report()));
            }
        });
        out.printf(
                "%nmodel %s written to %s (training %d s, threshold %.4f)%n",
                outcome.version(),
                outcome.directory(),
                outcome.model().duration().toSeconds(),
                outcome.model().classifier().threshold());
        return 0;
    }

    /** A training-data directory's own held-out set, if it has one ({@code test-<code>.csv} for a further language). */
    private static Path defaultTestFile(Path data) {
        Path candidate = data.resolve("test.csv");
        return Files.isDirectory(data) && Files.isRegularFile(candidate) ? candidate : null;
    }
}
