package dev.chatbot.bench;

import dev.chatbot.data.CsvExamples;
import dev.chatbot.data.IntentDefinition;
import dev.chatbot.data.TrainingData;
import dev.chatbot.evaluation.EvaluationReport;
import dev.chatbot.evaluation.IntentEvaluator;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.learning.GateSettings;
import dev.chatbot.learning.PromoteMode;
import dev.chatbot.learning.RetrainReport;
import dev.chatbot.learning.Retraining;
import dev.chatbot.learning.TranscriptEvidence;
import dev.chatbot.model.LoadedModel;
import dev.chatbot.model.ModelIo;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.training.IntentEngine;
import dev.chatbot.training.IntentModelTrainer;
import dev.chatbot.training.ModelTraining;
import dev.chatbot.training.TrainingSettings;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The learning-loop simulation: start from a model trained on 10 examples per intent of a train split, replay more
 * traffic in 5 rounds through the real conversation service (embedded store in a temporary directory, see
 * {@link SimulatedShop}), let a simulated agent label every escalated message with its true intent or mark it "not
 * covered", retrain with the promotion gate after each round, and report the test split after each round. Writes its
 * subsection of the "Learning loop" section of docs/benchmarks.md.
 *
 * <p>Usage: {@code LearningLoopSimulation banking77|banking77-oos [datasets dir] [docs/benchmarks.md]}. The engine is
 * the default one {@code ./chatbot train} builds (maxent, DL4J network, nearest neighbours, in-scope gate).
 * {@code banking77}: the rest of the train split is the traffic, all in scope. {@code banking77-oos}: the traffic is
 * valid.csv's out-of-scope rows plus twice as many in-scope rows of the train split (a third out of scope); the test
 * split has 35% out-of-scope rows.
 */
public final class LearningLoopSimulation {

    static final int SEED_PER_INTENT = 10;
    static final int GATE_PER_INTENT = 3;
    static final int ROUNDS = 5;
    static final int HELPFUL_EVERY = 3;
    static final IntentName OOS = IntentName.of("out_of_scope");

    record Row(
            int round,
            int trainingExamples,
            String version,
            String decision,
            EvaluationReport test,
            SimulatedShop.Outcome traffic,
            Double oosShare) {}

    public static void main(String[] args) throws Exception {
        boolean oos = args.length > 0 && args[0].equals("banking77-oos");
        Path datasets = Path.of(args.length > 1 ? args[1] : "../shared/datasets");
        Path dataset = datasets.resolve(oos ? "banking77-oos" : "banking77");
        Path doc = Path.of(args.length > 2 ? args[2] : "docs/benchmarks.md");
        long started = System.nanoTime();
        TrainingProgress progress = m -> System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - started) / 1e9, m);

        List<Example> train =
                new ArrayList<>(CsvExamples.read(dataset.resolve("train.csv")).examples());
        List<Example> test = CsvExamples.read(dataset.resolve("test.csv")).examples();
        Collections.shuffle(train, new Random(42));
        Map<IntentName, Integer> taken = new TreeMap<>();
        List<Example> seed = new ArrayList<>();
        List<Example> gateSet = new ArrayList<>();
        List<Example> traffic = new ArrayList<>();
        for (Example e : train) {
            int n = taken.merge(e.intent(), 1, Integer::sum);
            (n <= SEED_PER_INTENT ? seed : n <= SEED_PER_INTENT + GATE_PER_INTENT ? gateSet : traffic).add(e);
        }
        if (oos) {
            List<Example> outOfScope =
                    new ArrayList<>(CsvExamples.read(dataset.resolve("valid.csv")).examples().stream()
                            .filter(e -> e.intent().equals(OOS))
                            .toList());
            Collections.shuffle(outOfScope, new Random(44));
            // the shop's gate set holds near misses too: a third of it, like its traffic
            List<Example> gateOos = outOfScope.subList(0, gateSet.size() / 2);
            outOfScope = outOfScope.subList(gateOos.size(), outOfScope.size());
            gateSet.addAll(gateOos);
            traffic = new ArrayList<>(traffic.subList(0, Math.min(traffic.size(), 2 * outOfScope.size())));
            traffic.addAll(outOfScope);
            Collections.shuffle(traffic, new Random(43));
        }
        Map<IntentName, IntentDefinition> faq = new LinkedHashMap<>();
        for (IntentName intent : taken.keySet()) {
            faq.put(
                    intent,
                    new IntentDefinition(
                            intent, "", "Answer about " + intent.value().replace('_', ' ') + ".", List.of(), false));
        }
        TrainingData seedData = new TrainingData(seed, faq);
        String name = oos ? "BANKING77-OOS" : "BANKING77";
        progress.report(String.format(
                "%s: %d intents; seed %d, gate set %d, traffic %d in %d rounds, test %d",
                name, taken.size(), seed.size(), gateSet.size(), traffic.size(), ROUNDS, test.size()));

        Path work = Files.createTempDirectory("learning-loop");
        ModelRepository repository = new ModelRepository(work.resolve("models"));
        TrainingSettings settings = TrainingSettings.defaults().withRejectLabel(OOS);
        IntentEvaluator evaluator = new IntentEvaluator(oos ? OOS : null);
        List<Row> rows = new ArrayList<>();

        IntentModelTrainer trainer = IntentEngine.trainer(settings.threads());
        ModelTraining.Outcome first = new ModelTraining(trainer)
                .run(seedData, name + " seed", settings, repository, gateSet, oos ? OOS : null, true, progress);
        rows.add(new Row(
                0,
                seed.size(),
                first.version(),
                "initial",
                evaluator.evaluate(first.model().classifier(), test, TrainingProgress.SILENT),
                null,
                settings.oosShare()));
        progress.report(describe(rows.get(0)));

        Retraining retraining = new Retraining(
                trainer,
                settings,
                GateSettings.defaults(),
                repository,
                new TranscriptEvidence(Redactor.defaults(), OOS));
        try (SqliteTranscriptStore store = SqliteTranscriptStore.open(new SqliteSettings(work.resolve("var"), false))) {
            int chunk = (traffic.size() + ROUNDS - 1) / ROUNDS;
            for (int round = 1; round <= ROUNDS; round++) {
                LoadedModel serving = ModelIo.load(repository.currentDirectory());
                List<Example> batch = traffic.subList((round - 1) * chunk, Math.min(traffic.size(), round * chunk));
                SimulatedShop.Outcome replayed = SimulatedShop.replay(store, serving, batch, OOS, HELPFUL_EVERY);
                progress.report(String.format(
                        "round %d: replayed %d messages on %s: %d answered (%d right), %d to the"
                                + " agent (%d marked not covered)",
                        round,
                        batch.size(),
                        serving.manifest().version(),
                        replayed.answered(),
                        replayed.answeredRight(),
                        replayed.escalated(),
                        replayed.marked()));
                Retraining.Outcome outcome = retraining.run(
                        TranscriptEvidence.logs(store),
                        new Retraining.Request(
                                seedData, name + " seed", gateSet, oos ? OOS : null, null, PromoteMode.AUTO),
                        progress);
                RetrainReport report = outcome.report();
                LoadedModel now = ModelIo.load(repository.currentDirectory());
                rows.add(new Row(
                        round,
                        seed.size() + report.examplesAdded().size(),
                        now.manifest().version(),
                        report.decision().name(),
                        evaluator.evaluate(now.classifier(), test, TrainingProgress.SILENT),
                        replayed,
                        report.oosShare()));
                progress.report(describe(rows.get(rows.size() - 1)) + " " + report.reasons());
            }
        }
        String section = section(name, oos, rows, settings, (System.nanoTime() - started) / 1e9);
        System.out.println(section);
        writeSection(doc, "### Loop on " + name + "\n", section);
        progress.report("wrote the " + name + " part of the Learning loop section of " + doc);
        System.exit(0);
    }

    static String describe(Row r) {
        return String.format(
                Locale.ROOT,
                "round %d: %s %s, %d examples: test accuracy %.4f, answered %.4f, precision %.4f",
                r.round(),
                r.version(),
                r.decision(),
                r.trainingExamples(),
                r.test().accuracy(),
                r.test().coverage(),
                r.test().answeredPrecision());
    }

    static String section(String name, boolean oos, List<Row> rows, TrainingSettings settings, double seconds) {
        StringBuilder sb = new StringBuilder("### Loop on " + name + "\n\n");
        sb.append(String.format(
                Locale.ROOT,
                """
                `scripts/bench.sh loop%s` (`LearningLoopSimulation %s`), run %s, %.0f min on 2 shared cores. Test: %s.

                """,
                oos ? "-oos" : "",
                oos ? "banking77-oos" : "banking77",
                LocalDate.now(),
                seconds / 60,
                oos
                        ? rows.get(0).test().examples() + " messages of test.csv, "
                                + rows.get(0).test().outOfScopeExamples() + " out of scope"
                        : rows.get(0).test().examples() + " messages of test.csv, all in scope"));
        sb.append(
                "| round | training examples | gate | out-of-scope share | test accuracy | answered share | answered precision "
                        + "| in-scope accuracy | oos recall | threshold | traffic answered | traffic precision |\n");
        sb.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            SimulatedShop.Outcome t = r.traffic();
            sb.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %s | %s | %.4f | %.4f | %.4f | %.4f | %s | %.3f | %s | %s |%n",
                    r.round(),
                    r.trainingExamples(),
                    r.decision(),
                    r.oosShare() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.oosShare()),
                    r.test().accuracy(),
                    r.test().coverage(),
                    r.test().answeredPrecision(),
                    r.test().inScopeAccuracy(),
                    r.test().oosRecall() == null
                            ? "-"
                            : String.format(Locale.ROOT, "%.4f", r.test().oosRecall()),
                    r.test().threshold(),
                    t == null ? "-" : String.format(Locale.ROOT, "%.4f", t.answered() / (double) t.messages()),
                    t == null || t.answered() == 0
                            ? "-"
                            : String.format(Locale.ROOT, "%.4f", t.answeredRight() / (double) t.answered())));
        }
        Row first = rows.get(0);
        Row last = rows.get(rows.size() - 1);
        long promoted =
                rows.stream().filter(r -> r.decision().equals("PROMOTED")).count();
        sb.append(String.format(
                Locale.ROOT,
                """

                Candidates promoted: %d of %d. Test accuracy %+.1f points; last round answered share %.3f, answered
                precision %.4f (calibration error %+.4f against the %.2f target), in-scope accuracy %.4f.
                """,
                promoted,
                rows.size() - 1,
                (last.test().accuracy() - first.test().accuracy()) * 100,
                last.test().coverage(),
                last.test().answeredPrecision(),
                last.test().answeredPrecision() - settings.targetPrecision(),
                settings.targetPrecision(),
                last.test().inScopeAccuracy()));
        return sb.toString();
    }

    /**
     * Replaces (or adds) this simulation's subsection inside the "## Learning loop" section, leaving everything else
     * of the file alone.
     */
    static void writeSection(Path doc, String heading, String section) throws java.io.IOException {
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# Benchmarks\n";
        int loop = text.indexOf("## Learning loop");
        if (loop < 0) {
            text = text.stripTrailing() + "\n\n## Learning loop\n\n";
            loop = text.indexOf("## Learning loop");
        }
        int loopEnd = text.indexOf("\n## ", loop + 3);
        loopEnd = loopEnd < 0 ? text.length() : loopEnd + 1;
        int start = text.indexOf(heading, loop);
        String updated;
        if (start >= 0 && start < loopEnd) {
            int end = text.indexOf("\n### ", start + 4);
            end = end < 0 || end >= loopEnd ? loopEnd : end + 1;
            updated = text.substring(0, start) + section + "\n" + text.substring(end);
        } else {
            updated = text.substring(0, loopEnd).stripTrailing() + "\n\n" + section + "\n" + text.substring(loopEnd);
        }
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
    }
}
