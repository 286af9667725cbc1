package dev.chatbot.cli;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.data.DataFormatException;
import dev.chatbot.data.TrainingData;
import dev.chatbot.data.TrainingDataLoader;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.learning.GateSettings;
import dev.chatbot.learning.PromoteMode;
import dev.chatbot.learning.RetrainReport;
import dev.chatbot.learning.RetrainReportFiles;
import dev.chatbot.learning.Retraining;
import dev.chatbot.learning.TranscriptEvidence;
import dev.chatbot.model.ModelLoadException;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.model.redis.RedisPromotionNotices;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.store.StoreSettings;
import dev.chatbot.training.IntentEngine;
import dev.chatbot.training.TrainingSettings;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.redis.RedisSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code chatbot retrain}: learn from the transcripts' labels, train a candidate, compare it with the current
 * model through the promotion gate, promote it or keep the current one, and write the report.
 */
final class RetrainCommand {

    private final PrintStream out;

    RetrainCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) throws UsageException, DataFormatException, IOException, ModelLoadException {
        Args args = Args.parse(
                argv,
                StoreOptions.with(
                        "since",
                        "promote",
                        "data",
                        "test",
                        "models",
                        "oos-label",
                        "tolerance",
                        "recent-share",
                        "target-precision",
                        "threads",
                        "oos-share"),
                Set.of());
        StoreSettings.Kind kind = parse(() -> StoreSettings.Kind.parse(args.get("store", "embedded")));
        PromoteMode mode = parse(() -> PromoteMode.parse(args.get("promote", "auto")));
        Instant since = since(args.get("since", null));
        Path data = Path.of(args.get("data", "training-data"));
        Path test = Path.of(args.get("test", data.resolve("test.csv").toString()));
        if (!Files.isRegularFile(test)) {
            throw new UsageException(
                    "the promotion gate needs a held-out test set: " + test + " not found (use --test)");
        }
        IntentName oosLabel = IntentName.of(args.get("oos-label", "out_of_scope"));
        TrainingSettings defaults = TrainingSettings.defaults();
        TrainingSettings training =
                defaults.withTargetPrecision(args.number("target-precision", defaults.targetPrecision()));
        training = new TrainingSettings(
                training.targetPrecision(),
                training.oosShare(),
                training.calibrationGroups(),
                training.holdoutShare(),
                training.calibrationCap(),
                oosLabel,
                (int) args.number("threads", defaults.threads()),
                training.seed());
        double tolerance = args.number("tolerance", GateSettings.defaults().tolerance());
        double recentShare = args.number("recent-share", GateSettings.defaults().recentShare());
        GateSettings gate =
                parse(() -> GateSettings.defaults().withTolerance(tolerance).withRecentShare(recentShare));

        Progress progress = new Progress(out);
        progress.report("loading " + data);
        TrainingData trainingData = TrainingDataLoader.load(data);
        List<Example> testRows = CsvExamples.read(test).examples();
        progress.report("test set " + test + ": " + testRows.size() + " messages");
        String redisUrl = args.get("redis-url", "redis://localhost:6379");
        String prefix =
                args.get("redis-prefix", RedisSettings.defaults(redisUrl).keyPrefix());
        progress.report("reading transcripts from the " + kind.name().toLowerCase() + " store");
        List<List<StoredEvent>> logs =
                TranscriptLogs.read(kind, Path.of(args.get("data-dir", "var")), redisUrl, prefix);

        ModelRepository repository = new ModelRepository(Path.of(args.get("models", "models")));
        Files.createDirectories(repository.root());
        Retraining retraining = new Retraining(
                IntentEngine.trainer(training.threads()),
                training,
                gate,
                repository,
                new TranscriptEvidence(Redactor.defaults(), oosLabel));
        Double oosShare = args.get("oos-share", null) == null ? null : args.number("oos-share", 0);
        Retraining.Outcome outcome = retraining.run(
                logs,
                new Retraining.Request(trainingData, data.toString(), testRows, oosLabel, since, mode, oosShare),
                progress);
        RetrainReport report = outcome.report();
        out.println();
        out.print(RetrainReportFiles.text(report));
        if (outcome.candidateDirectory() != null) {
            out.println("\nreport written to " + outcome.candidateDirectory().resolve(Retraining.REPORT_TEXT) + " and "
                    + Retraining.REPORT_JSON);
        }
        boolean promoted = report.decision() == RetrainReport.Decision.PROMOTED
                || report.decision() == RetrainReport.Decision.FORCED;
        if (promoted && kind == StoreSettings.Kind.REDIS) {
            try (RedisPromotionNotices notices = RedisPromotionNotices.connect(
                    RedisSettings.defaults(redisUrl).withKeyPrefix(prefix))) {
                notices.announce(report.candidateVersion());
                out.println("announced " + report.candidateVersion() + " to the servers on " + notices.channel());
            }
        }
        return 0;
    }

    /** A date ({@code 2025-01-31}, midnight UTC) or an instant ({@code 2025-01-31T12:00:00Z}). */
    static Instant since(String value) throws UsageException {
        if (value == null) {
            return null;
        }
        try {
            return value.contains("T")
                    ? Instant.parse(value)
                    : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("option --since needs a date like 2025-01-31 or an instant like "
                    + "2025-01-31T12:00:00Z, got '" + value + "'");
        }
    }

    interface Parse<T> {
        T get();
    }

    static <T> T parse(Parse<T> parse) throws UsageException {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
