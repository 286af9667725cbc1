package dev.chatbot.cli;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.data.DataFormatException;
import dev.chatbot.evaluation.EvaluationReport;
import dev.chatbot.evaluation.IntentEvaluator;
import dev.chatbot.evaluation.ReportFormat;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.LanguageDetector;
import dev.chatbot.intent.opennlp.OpenNlpLanguageDetector;
import dev.chatbot.model.LanguageRouting;
import dev.chatbot.model.LoadedModel;
import dev.chatbot.model.ModelIo;
import dev.chatbot.model.ModelLoadException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code chatbot evaluate}: run a model over a labelled CSV and report accuracy, escalation quality, latency. */
final class EvaluateCommand {

    private final PrintStream out;

    EvaluateCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) throws UsageException, DataFormatException, ModelLoadException, IOException {
        Args args = Args.parse(argv, Set.of("model", "test", "oos-label", "json"), Set.of());
        Path modelDir = Path.of(args.require("model"));
        Path test = Path.of(args.require("test"));
        String oos = args.get("oos-label", null);
        Progress progress = new Progress(out);
        progress.report("reading " + test);
        List<Example> rows = CsvExamples.read(test).examples();
        progress.report("loading model " + modelDir);
        LoadedModel model = ModelIo.load(modelDir);
        progress.report("model " + model.manifest().version() + ": "
                + model.manifest().labels().size() + " intents, threshold "
                + model.manifest().threshold());
        IntentClassifier classifier = model.classifier();
        if (!model.model().languages().isEmpty()) {
            progress.report("languages " + model.manifest().languages()
                    + ": each message is classified by the model of its detected language, as served");
            classifier = new LanguageRouting(new LanguageDetector.Languages(
                            OpenNlpLanguageDetector.load(
                                    OpenNlpLanguageDetector.DEFAULT_MIN_LENGTH,
                                    OpenNlpLanguageDetector.DEFAULT_MIN_RATIO),
                            model.manifest().languages().get(0),
                            java.util.Set.of()))
                    .asClassifier(model.model());
        }
        EvaluationReport report =
                new IntentEvaluator(oos == null ? null : IntentName.of(oos)).evaluate(classifier, rows, progress);
        out.println();
        out.print(ReportFormat.table(report));
        out.print(ReportFormat.calibrationError(report, model.manifest().targetPrecision()));
        if (args.get("json", null) != null) {
            Path json = Path.of(args.get("json", null));
            ReportFormat.writeJson(report, json);
            out.println("\nreport written to " + json);
        }
        return 0;
    }
}
