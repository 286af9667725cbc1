package dev.chatbot.learning;

import dev.chatbot.data.TrainingData;
import dev.chatbot.evaluation.EvaluationReport;
import dev.chatbot.evaluation.IntentEvaluator;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.model.ModelIo;
import dev.chatbot.model.ModelLoadException;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.training.IntentModelTrainer;
import dev.chatbot.training.ModelTraining;
import dev.chatbot.training.TrainingSettings;
import dev.chatbot.transcript.StoredEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The retrain use case: collect evidence from transcripts, add the new examples to the training data, train a
 * candidate into the model repository, compare it with the current model through the {@link PromotionGate},
 * promote it or keep the current model, and write the report next to the candidate.
 *
 * <p>Over 250 lines: the retrain's steps in the order they run, each a short method.
 */
public final class Retraining {

    public static final String REPORT_JSON = "retrain-report.json";
    public static final String REPORT_TEXT = "retrain-report.txt";
    public static final String EXAMPLES_ADDED = "examples-added.csv";

    /**
     * One run's inputs.
     *
     * @param base the training data to add to (normally {@code training-data/})
     * @param testRows the fixed held-out test set (required)
     * @param oosLabel label of out-of-scope test rows, or null
     * @param since only evidence given at or after this instant, or null for all of it
     * @param oosShare the out-of-scope share to calibrate for, or null to estimate it from the transcripts' marks
     *     (see {@link TrafficMix}; the configured share stands when too few messages were reviewed)
     */
    public record Request(
            TrainingData base,
            String source,
            List<Example> testRows,
            IntentName oosLabel,
            Instant since,
            PromoteMode mode,
            Double oosShare) {
        public Request {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(mode, "mode");
            if (testRows == null || testRows.isEmpty()) {
                throw new IllegalArgumentException("the promotion gate needs a held-out test set");
            }
        }

        /** A request that estimates the out-of-scope share from the transcripts. */
        public Request(
                TrainingData base,
                String source,
                List<Example> testRows,
                IntentName oosLabel,
                Instant since,
                PromoteMode mode) {
            this(base, source, testRows, oosLabel, since, mode, null);
        }
    }

    /** The report, and the candidate's directory (null when nothing was trained). */
    public record Outcome(RetrainReport report, Path candidateDirectory) {}

    private final IntentModelTrainer trainer;
    private final TrainingSettings trainingSettings;
    private final GateSettings gateSettings;
    private final ModelRepository repository;
    private final TranscriptEvidence evidence;

    public Retraining(
            IntentModelTrainer trainer,
            TrainingSettings trainingSettings,
            GateSettings gateSettings,
            ModelRepository repository,
            TranscriptEvidence evidence) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.trainingSettings = Objects.requireNonNull(trainingSettings, "trainingSettings");
        this.gateSettings = Objects.requireNonNull(gateSettings, "gateSettings");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
    }

    public Outcome run(List<List<StoredEvent>> logs, Request request, TrainingProgress progress)
            throws IOException, ModelLoadException {
        List<Evidence> all = evidence.collect(logs, request.since());
        progress.report("transcripts: " + logs.size() + " conversations, " + all.size() + " labelled messages"
                + (request.since() == null ? "" : " since " + request.since()));
        LabelHarvest.Result harvest =
                new LabelHarvest(gateSettings.recentShare(), gateSettings.minRecent()).harvest(request.base(), all);
        progress.report(String.format(
                "evidence: %d agent labels, %d not-covered marks, %d helpful answers; %d duplicates"
                        + " dropped, %d conflicts, %d for unknown intents; %d new examples for training, %d recent held out",
                harvest.agentLabels(),
                harvest.notCoveredMarks(),
                harvest.helpfulAnswers(),
                harvest.duplicates(),
                harvest.conflicts().size(),
                harvest.unknownIntents().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum(),
                harvest.training().size(),
                harvest.recent().size()));
        TrafficMix traffic = TrafficMix.of(logs, request.since());
        progress.report("traffic: " + traffic.describe());
        TrainingSettings settings = trainingSettings.withEscalatedShare(traffic.escalatedShare());
        if (request.oosShare() != null) {
            settings = settings.withOosShare(request.oosShare());
        } else if (traffic.oosShare() != null) {
            settings = settings.withOosShare(traffic.oosShare());
        }
        String currentVersion = repository.currentVersion().orElse(null);
        if (harvest.training().isEmpty() && request.mode() != PromoteMode.FORCE && !hasNewIntents(request.base())) {
            RetrainReport report = report(
                    request,
                    harvest,
                    null,
                    currentVersion,
                    RetrainReport.Decision.NOTHING_NEW,
                    List.of("no new labelled examples since "
                            + (request.since() == null ? "the start" : request.since()) + ": nothing to retrain"),
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    traffic,
                    null);
            return new Outcome(report, null);
        }
        TrainingData data = request.base().merge(learnt(request.base(), harvest.training(), progress));
        String source = request.source() + " + " + harvest.training().size() + " labelled messages from transcripts";
        ModelTraining.Outcome candidate = new ModelTraining(trainer)
                .run(data, source, settings, repository, request.testRows(), request.oosLabel(), false, progress);

        IntentEvaluator evaluator = new IntentEvaluator(request.oosLabel());
        List<String> checks = new ArrayList<>();
        IntentClassifier current = loadCurrent(checks, progress);
        EvaluationReport currentTest =
                current == null ? null : evaluator.evaluate(current, request.testRows(), progress);
        List<Example> recentRows =
                harvest.recent().stream().map(Evidence::toExample).toList();
        EvaluationReport currentRecent = null;
        EvaluationReport candidateRecent = null;
        if (current != null && !recentRows.isEmpty()) {
            progress.report("comparing on " + recentRows.size() + " recent labelled messages not used for training");
            currentRecent = evaluator.evaluate(current, recentRows, TrainingProgress.SILENT);
            candidateRecent = evaluator.evaluate(candidate.model().classifier(), recentRows, TrainingProgress.SILENT);
        }
        PromotionGate.Verdict verdict = new PromotionGate(gateSettings, trainingSettings.targetPrecision())
                .judge(currentTest, candidate.report(), currentRecent, candidateRecent);
        checks.addAll(verdict.checks());
        RetrainReport.Decision decision;
        List<String> reasons = new ArrayList<>();
        switch (request.mode()) {
            case FORCE -> {
                decision = RetrainReport.Decision.FORCED;
                reasons.add(verdict.passed() ? "forced; the gate passed too" : "forced despite the gate's regressions");
            }
            case NEVER -> {
                decision = RetrainReport.Decision.NOT_PROMOTED;
                reasons.add("--promote never; the gate " + (verdict.passed() ? "would pass it" : "would refuse it"));
            }
            default -> {
                decision = verdict.passed() ? RetrainReport.Decision.PROMOTED : RetrainReport.Decision.KEPT_CURRENT;
                reasons.add(
                        verdict.passed()
                                ? "no regression beyond the tolerance of " + gateSettings.tolerance()
                                : "kept " + currentVersion + ": the candidate regresses");
            }
        }
        reasons.addAll(verdict.regressions());
        if (decision == RetrainReport.Decision.PROMOTED || decision == RetrainReport.Decision.FORCED) {
            repository.promote(candidate.version());
            progress.report("promoted " + candidate.version());
        } else {
            progress.report("not promoted: " + candidate.version() + " stays a candidate");
        }
        RetrainReport report = report(
                request,
                harvest,
                candidate.version(),
                currentVersion,
                decision,
                reasons,
                checks,
                current == null ? null : currentTest.threshold(),
                candidate.model().classifier().threshold(),
                currentTest,
                candidate.report(),
                currentRecent,
                candidateRecent,
                traffic,
                settings.oosShare());
        RetrainReportFiles.write(candidate.directory(), report);
        return new Outcome(report, candidate.directory());
    }

    /**
     * The evidence as training data: each example under the language it was detected in when the base data has that
     * language, else under the main language; the "not covered" marks capped per language ({@link #capMarks}).
     */
    static TrainingData learnt(TrainingData base, List<Evidence> evidence, TrainingProgress progress) {
        Map<String, List<Evidence>> byLanguage = new java.util.TreeMap<>();
        for (Evidence e : evidence) {
            byLanguage
                    .computeIfAbsent(LabelHarvest.languageIn(base, e), k -> new ArrayList<>())
                    .add(e);
        }
        List<Example> main = List.of();
        Map<String, TrainingData> further = new java.util.TreeMap<>();
        for (var entry : byLanguage.entrySet()) {
            String language = entry.getKey();
            TrainingData data = LabelHarvest.dataIn(base, language);
            List<Example> examples = capMarks(data, entry.getValue(), progress).stream()
                    .map(Evidence::toExample)
                    .toList();
            if (language.isEmpty()) {
                main = examples;
            } else {
                progress.report(examples.size() + " of the new examples are in " + language + ", learnt into its data");
                further.put(language, new TrainingData(examples, Map.of()));
            }
        }
        return new TrainingData(main, Map.of(), further);
    }

    /**
     * The evidence to train on, with at most {@link #MARKS_PER_INTENT} times the median intent's examples of "not
     * covered" marks (the newest): a shop's near misses span many topics, and an out-of-scope class much larger than
     * the intents swallows their rephrasings. Every mark still counts for the out-of-scope share.
     */
    static List<Evidence> capMarks(TrainingData base, List<Evidence> evidence, TrainingProgress progress) {
        Map<String, Integer> perIntent = new java.util.HashMap<>();
        base.examples().forEach(e -> perIntent.merge(e.intent().value(), 1, Integer::sum));
        evidence.stream()
                .filter(e -> e.source() != Evidence.Source.NOT_COVERED)
                .forEach(e -> perIntent.merge(e.intent().value(), 1, Integer::sum));
        List<Evidence> marks = evidence.stream()
                .filter(e -> e.source() == Evidence.Source.NOT_COVERED)
                .toList();
        if (marks.isEmpty() || perIntent.isEmpty()) {
            return evidence;
        }
        int[] counts =
                perIntent.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        int cap = Math.max(MIN_MARKS, MARKS_PER_INTENT * counts[counts.length / 2]);
        if (marks.size() <= cap) {
            return evidence;
        }
        java.util.Set<Evidence> dropped = new java.util.HashSet<>(marks.subList(0, marks.size() - cap));
        progress.report("learning the newest " + cap + " of " + marks.size() + " not-covered marks (" + MARKS_PER_INTENT
                + " times the median intent's examples)");
        return evidence.stream().filter(e -> !dropped.contains(e)).toList();
    }

    static final int MARKS_PER_INTENT = 3;
    static final int MIN_MARKS = 20;

    /** True when the training data has intents the current model does not know (e.g. one made from an unmet need). */
    private boolean hasNewIntents(TrainingData base) {
        if (!Files.exists(repository.currentDirectory())) {
            return true;
        }
        try {
            List<String> labels =
                    ModelIo.readManifest(repository.currentDirectory()).labels();
            return base.examples().stream()
                    .anyMatch(e -> !labels.contains(e.intent().value()));
        } catch (ModelLoadException e) {
            return true;
        }
    }

    private IntentClassifier loadCurrent(List<String> checks, TrainingProgress progress) {
        Path dir = repository.currentDirectory();
        if (!Files.exists(dir)) {
            return null;
        }
        try {
            progress.report("loading the current model " + dir.toRealPath().getFileName());
            return ModelIo.load(dir).classifier();
        } catch (ModelLoadException | IOException e) {
            checks.add("current model unreadable (" + e.getMessage() + "): compared with nothing");
            return null;
        }
    }

    private static RetrainReport report(
            Request request,
            LabelHarvest.Result harvest,
            String candidateVersion,
            String currentVersion,
            RetrainReport.Decision decision,
            List<String> reasons,
            List<String> checks,
            Double currentThreshold,
            Double candidateThreshold,
            EvaluationReport currentTest,
            EvaluationReport candidateTest,
            EvaluationReport currentRecent,
            EvaluationReport candidateRecent,
            TrafficMix traffic,
            Double oosShare) {
        return new RetrainReport(
                candidateVersion,
                currentVersion,
                decision,
                List.copyOf(reasons),
                List.copyOf(checks),
                request.since() == null ? null : request.since().toString(),
                harvest.evidence(),
                harvest.agentLabels(),
                harvest.helpfulAnswers(),
                harvest.duplicates(),
                harvest.conflicts(),
                harvest.unknownIntents(),
                harvest.training().stream().map(RetrainReport.AddedExample::of).toList(),
                harvest.recent().size(),
                currentThreshold,
                candidateThreshold,
                RetrainReport.Summary.of(currentTest),
                RetrainReport.Summary.of(candidateTest),
                RetrainReport.Summary.of(currentRecent),
                RetrainReport.Summary.of(candidateRecent),
                RetrainReport.perIntent(currentTest, candidateTest),
                harvest.notCoveredMarks(),
                traffic,
                oosShare);
    }
}
