package dev.chatbot.training;

import dev.chatbot.data.TrainingData;
import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.MemberScores;
import dev.chatbot.intent.ProbabilityModel;
import dev.chatbot.intent.ProbabilityModelTrainer;
import dev.chatbot.intent.TextPipeline;
import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.intent.embedding.SentenceEncoder;
import dev.chatbot.intent.ensemble.CalibrationSample;
import dev.chatbot.intent.ensemble.EnsembleCalibrator;
import dev.chatbot.intent.ensemble.EnsembleIntentClassifier;
import dev.chatbot.intent.ensemble.MemberCalibration;
import dev.chatbot.intent.ensemble.ScopeCalibration;
import dev.chatbot.intent.ensemble.ThresholdSelector;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains an ensemble intent model and calibrates it for escalation.
 *
 * <ol>
 *   <li>Encode every example once (tokens and embeddings).</li>
 *   <li>Calibration rounds: in each, one group of related intents is left out entirely and a share of the
 *       remaining examples is held out; the members are trained on the rest. Held-out in-scope examples
 *       give calibration data; the left-out intents' examples play unknown (out-of-scope) traffic.</li>
 *   <li>Fit member temperatures and weights, then choose the threshold that reaches the target precision
 *       at the assumed out-of-scope share.</li>
 *   <li>Train the members on all examples and assemble the ensemble.</li>
 * </ol>
 *
 * <p>Over 250 lines: the four steps above share the encoded examples and read best in order.
 */
public final class IntentModelTrainer {

    private final TextPipeline pipeline;
    private final SentenceEncoder encoder;
    private final List<ProbabilityModelTrainer> trainers;

    public IntentModelTrainer(TextPipeline pipeline, SentenceEncoder encoder, List<ProbabilityModelTrainer> trainers) {
        this.pipeline = pipeline;
        this.encoder = encoder;
        this.trainers = List.copyOf(trainers);
        if (trainers.isEmpty()) {
            throw new IllegalArgumentException("at least one model family is needed");
        }
    }

    public TrainedModel train(TrainingData data, TrainingSettings settings, TrainingProgress progress) {
        long started = System.nanoTime();
        List<Example> examples = data.examples();
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        LabelSet labels =
                LabelSet.sortedOf(examples.stream().map(Example::intent).toList());
        if (labels.size() < 2) {
            throw new IllegalArgumentException("need at least two intents, found " + labels.names());
        }
        progress.report("training data: " + examples.size() + " examples, " + labels.size() + " intents");
        List<EncodedText> encoded = new TextEncoding(pipeline, encoder, settings.threads())
                .encodeAll(examples.stream().map(Example::text).toList(), progress);

        List<CalibrationSample> samples = calibrationSamples(data, encoded, labels, settings, progress);
        List<String> families =
                trainers.stream().map(ProbabilityModelTrainer::family).toList();
        List<MemberCalibration> calibrations = EnsembleCalibrator.fit(families, samples);
        ScopeCalibration scope = ScopeCalibration.choose(
                samples, calibrations, settings.targetPrecision(), settings.oosShare(), progress);
        ThresholdSelector.Selection selection = scope.selection();
        double heldOutAccuracy = scope.heldOutAccuracy();
        int known = scope.known();
        int unknowns = scope.unknowns();
        progress.report(String.format(
                "calibration: %s; held-out accuracy %.4f on %d messages, %d simulated unknowns",
                describe(calibrations), heldOutAccuracy, known, unknowns));
        if (selection.chosen() != null) {
            progress.report(String.format(
                    "threshold %.4f: coverage %.3f, precision %.3f (standard error %.3f), unknowns answered %.3f%s",
                    selection.threshold(),
                    selection.chosen().coverage(),
                    selection.chosen().precision(),
                    selection.chosen().standardError(),
                    selection.chosen().unknownAnswered(),
                    selection.targetReached()
                            ? ""
                            : String.format(
                                    " (target precision %.2f, with a standard error to spare, not reachable while"
                                            + " answering at least %.0f%% of in-scope messages: the most precise"
                                            + " threshold that does)",
                                    settings.targetPrecision(), 100 * ThresholdSelector.MIN_COVERAGE)));
        }

        progress.report("final model: training on all " + examples.size() + " examples");
        int[] y = indices(examples, labels);
        List<ProbabilityModel> members = trainAll(encoded, y, labels, progress);
        if (scope.gate() == null || !scope.gate().usesDistance()) {
            members = members.stream().map(ProbabilityModel::withoutDistance).toList();
        }
        String version = versionId(data);
        EnsembleIntentClassifier classifier = new EnsembleIntentClassifier(
                pipeline, encoder, members, calibrations, scope.gate(), selection.threshold(), version);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        progress.report("trained " + version + " in " + took.toSeconds() + " s");
        return new TrainedModel(
                classifier, selection, heldOutAccuracy, known, unknowns, data, settings, took, scope, samples);
    }

    private List<CalibrationSample> calibrationSamples(
            TrainingData data,
            List<EncodedText> encoded,
            LabelSet labels,
            TrainingSettings settings,
            TrainingProgress progress) {
        if (settings.calibrationGroups() < 2) {
            return List.of();
        }
        List<Example> examples = data.examples();
        IntentName reject = settings.rejectLabel();
        Map<IntentName, Integer> counts = new TreeMap<>();
        for (Example e : examples) {
            if (!e.intent().equals(reject)) {
                counts.merge(e.intent(), 1, Integer::sum);
            }
        }
        List<List<IntentName>> groups = IntentGroups.partition(counts, data.categories(), settings.calibrationGroups());
        TrafficWeights weights = TrafficWeights.of(examples, settings);
        Random random = new Random(settings.seed());
        List<CalibrationSample> samples = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            Set<IntentName> leftOut = new TreeSet<>(groups.get(g));
            List<IntentName> remainingNames =
                    labels.names().stream().filter(n -> !leftOut.contains(n)).toList();
            if (remainingNames.size() < 2) {
                continue;
            }
            LabelSet remaining = new LabelSet(remainingNames);
            List<Integer> train = new ArrayList<>();
            List<Integer> heldOut = new ArrayList<>();
            List<Integer> unknown = new ArrayList<>();
            Map<IntentName, List<Integer>> byIntent = new LinkedHashMap<>();
            for (int i = 0; i < examples.size(); i++) {
                IntentName intent = examples.get(i).intent();
                if (leftOut.contains(intent)) {
                    unknown.add(i);
                } else {
                    byIntent.computeIfAbsent(intent, k -> new ArrayList<>()).add(i);
                }
            }
            int remainingExamples =
                    byIntent.values().stream().mapToInt(List::size).sum();
            double keep =
                    Math.min(1.0, settings.calibrationCap() / ((1 - settings.holdoutShare()) * remainingExamples));
            for (List<Integer> members : byIntent.values()) {
                List<Integer> shuffled = new ArrayList<>(members);
                Collections.shuffle(shuffled, random);
                int hold = members.size() < 3
                        ? 0
                        : Math.max(1, (int) Math.round(members.size() * settings.holdoutShare()));
                heldOut.addAll(shuffled.subList(0, hold));
                int trainCount = Math.max(1, (int) Math.round((shuffled.size() - hold) * keep));
                train.addAll(shuffled.subList(hold, Math.min(shuffled.size(), hold + trainCount)));
            }
            progress.report(String.format(
                    "calibration round %d/%d: %d intents left out as unknowns, training on %d examples",
                    g + 1, groups.size(), leftOut.size(), train.size()));
            List<EncodedText> trainTexts = train.stream().map(encoded::get).toList();
            int[] y = new int[train.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = remaining.indexOf(examples.get(train.get(i)).intent());
            }
            List<ProbabilityModel> models = trainAll(trainTexts, y, remaining, TrainingProgress.SILENT);
            int rejectIndex = reject == null ? -1 : remaining.indexOf(reject);
            for (int i : heldOut) {
                samples.add(sample(
                        models,
                        encoded.get(i),
                        remaining.indexOf(examples.get(i).intent()),
                        rejectIndex,
                        weights.weight(examples.get(i))));
            }
            for (int i : unknown) {
                samples.add(sample(models, encoded.get(i), -1, rejectIndex, weights.weight(examples.get(i))));
            }
        }
        return samples;
    }

    /** Trains the families side by side: one is mostly native matrix work, the other Java, so they share 2 cores well. */
    private List<ProbabilityModel> trainAll(
            List<EncodedText> texts, int[] y, LabelSet labels, TrainingProgress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(trainers.size(), r -> {
            Thread t = new Thread(r, "trainer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ProbabilityModel>> futures = new ArrayList<>();
            for (ProbabilityModelTrainer trainer : trainers) {
                futures.add(pool.submit(() -> trainer.train(texts, y, labels, progress)));
            }
            List<ProbabilityModel> out = new ArrayList<>();
            for (Future<ProbabilityModel> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("training failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static CalibrationSample sample(
            List<ProbabilityModel> models, EncodedText text, int trueIndex, int rejectIndex, double weight) {
        List<double[]> probabilities = new ArrayList<>(models.size());
        double[] neighbourhood = null;
        double distance = Double.NaN;
        for (ProbabilityModel m : models) {
            MemberScores s = m.scores(text);
            probabilities.add(s.probabilities());
            if (neighbourhood == null) {
                neighbourhood = s.neighbourhood();
            }
            if (Double.isNaN(distance)) {
                distance = s.distance();
            }
        }
        return new CalibrationSample(probabilities, trueIndex, rejectIndex, neighbourhood, distance, weight);
    }

    private static int[] indices(List<Example> examples, LabelSet labels) {
        int[] y = new int[examples.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.indexOf(examples.get(i).intent());
        }
        return y;
    }

    private static String describe(List<MemberCalibration> calibrations) {
        StringBuilder sb = new StringBuilder();
        for (MemberCalibration c : calibrations) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(String.format("%s T=%.2f w=%.1f", c.family(), c.temperature(), c.weight()));
        }
        return sb.toString();
    }

    private static String versionId(TrainingData data) {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return "v" + time + "-" + data.fingerprint().substring("sha256:".length(), "sha256:".length() + 6);
    }
}
