package dev.chatbot.intent.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.intent.ensemble.ProbabilityCombiner;
import dev.chatbot.intent.opennlp.OpenNlpTextPipeline;
import dev.chatbot.testing.LiveInstances;
import dev.chatbot.testing.TinyData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Dl4jIntentTrainerTest {

    private final OpenNlpTextPipeline pipeline = new OpenNlpTextPipeline(true);
    private final Dl4jIntentTrainer trainer =
            new Dl4jIntentTrainer(new Dl4jIntentTrainer.Settings(256, 32, 60, 8, 1e-2, 1e-5, 1.0, 7L));

    @Test
    void learnsHashedNgramsWithoutAnEncoderAndRoundTrips(@TempDir Path dir) throws Exception {
        var data = TinyData.data();
        LabelSet labels =
                LabelSet.sortedOf(data.examples().stream().map(e -> e.intent()).toList());
        List<EncodedText> texts =
                data.examples().stream().map(e -> encode(e.text())).toList();
        int[] y = data.examples().stream()
                .mapToInt(e -> labels.indexOf(e.intent()))
                .toArray();

        Dl4jIntentModel model = (Dl4jIntentModel) trainer.train(texts, y, labels, TrainingProgress.SILENT);

        assertThat(labels.get(ProbabilityCombiner.argmax(model.probabilities(encode("where is my order")))))
                .isEqualTo(IntentName.of("order_status"));
        model.save(dir);
        Dl4jIntentModel loaded = Dl4jIntentModel.load(dir, labels, 0);
        assertThat(loaded.probabilities(encode("hello")))
                .containsExactly(model.probabilities(encode("hello")), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(loaded.hasDensity()).isTrue();
        assertThat(loaded.scores(encode("hello")).distance())
                .isCloseTo(model.scores(encode("hello")).distance(), org.assertj.core.data.Offset.offset(1e-2));
    }

    @Test
    void placesATrainingMessageCloserToTheIntentsThanWordsItNeverSaw() {
        var data = TinyData.data();
        LabelSet labels =
                LabelSet.sortedOf(data.examples().stream().map(e -> e.intent()).toList());
        List<EncodedText> texts =
                data.examples().stream().map(e -> encode(e.text())).toList();
        int[] y = data.examples().stream()
                .mapToInt(e -> labels.indexOf(e.intent()))
                .toArray();

        Dl4jIntentModel model = (Dl4jIntentModel) trainer.train(texts, y, labels, TrainingProgress.SILENT);

        assertThat(model.scores(texts.get(0)).distance())
                .isLessThan(
                        model.scores(encode("zebra quantum violin marathon")).distance());
        assertThat(model.scores(texts.get(0)).probabilities())
                .containsExactly(model.probabilities(texts.get(0)), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void givesTheSameAnswerFromManyThreadsAtOnce() throws Exception {
        var data = TinyData.data();
        LabelSet labels =
                LabelSet.sortedOf(data.examples().stream().map(e -> e.intent()).toList());
        List<EncodedText> texts =
                data.examples().stream().map(e -> encode(e.text())).toList();
        int[] y = data.examples().stream()
                .mapToInt(e -> labels.indexOf(e.intent()))
                .toArray();
        var model = trainer.train(texts, y, labels, TrainingProgress.SILENT);
        double[] expected = model.probabilities(encode("refund please"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> model.probabilities(encode("refund please"))));
            }
            for (Future<double[]> f : results) {
                assertThat(f.get()).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-6));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leavesNoCopyOfItsNetworkInTheThreadsThatUsedItOnceTheModelIsDropped(@TempDir Path dir) throws Exception {
        var data = TinyData.data();
        LabelSet labels =
                LabelSet.sortedOf(data.examples().stream().map(e -> e.intent()).toList());
        List<EncodedText> texts =
                data.examples().stream().map(e -> encode(e.text())).toList();
        int[] y = data.examples().stream()
                .mapToInt(e -> labels.indexOf(e.intent()))
                .toArray();
        trainer.train(texts, y, labels, TrainingProgress.SILENT).save(dir);
        ExecutorService classificationThreads = Executors.newFixedThreadPool(2); // long-lived, as in the service
        try {
            long before = LiveInstances.of(MultiLayerNetwork.class);
            for (int swap = 0; swap < 5; swap++) { // a model replaced five times (hot swap)
                Dl4jIntentModel model = Dl4jIntentModel.load(dir, labels, 0);
                List<Future<double[]>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(classificationThreads.submit(() -> model.probabilities(encode("refund please"))));
                }
                for (Future<double[]> f : answers) {
                    f.get();
                }
            }
            assertThat(LiveInstances.of(MultiLayerNetwork.class) - before).isLessThanOrEqualTo(3);
        } finally {
            classificationThreads.shutdownNow();
        }
    }

    @Test
    void refusesAnIncompleteOrMismatchedModelDirectory(@TempDir Path dir) throws Exception {
        LabelSet labels = new LabelSet(List.of(IntentName.of("a"), IntentName.of("b")));
        assertThatThrownBy(() -> Dl4jIntentModel.load(dir, labels, 0)).hasMessageContaining("missing");
        Files.writeString(dir.resolve(Dl4jIntentModel.INPUT_FILE), "embeddingDimension=384\nhashBuckets=16\n");
        Files.writeString(dir.resolve(Dl4jIntentModel.NETWORK_FILE), "garbage");
        assertThatThrownBy(() -> Dl4jIntentModel.load(dir, labels, 0))
                .hasMessageContaining("expects embeddings of 384");
        assertThatThrownBy(() -> Dl4jIntentModel.load(dir, labels, 384))
                .hasMessageContaining("not a readable DL4J network");
    }

    private EncodedText encode(String text) {
        return new EncodedText(pipeline.normalise(text), pipeline.tokens(text), new float[0]);
    }
}
