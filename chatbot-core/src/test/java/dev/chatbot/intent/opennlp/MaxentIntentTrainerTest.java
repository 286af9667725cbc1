package dev.chatbot.intent.opennlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.intent.ensemble.ProbabilityCombiner;
import dev.chatbot.testing.LiveInstances;
import dev.chatbot.testing.TinyData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import opennlp.tools.doccat.DoccatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaxentIntentTrainerTest {

    private final OpenNlpTextPipeline pipeline = new OpenNlpTextPipeline(true);

    @Test
    void learnsTinyDataAndRoundTripsThroughItsFile(@TempDir Path dir) throws IOException {
        var data = TinyData.data();
        LabelSet labels =
                LabelSet.sortedOf(data.examples().stream().map(e -> e.intent()).toList());
        List<EncodedText> texts =
                data.examples().stream().map(e -> encode(e.text())).toList();
        int[] y = data.examples().stream()
                .mapToInt(e -> labels.indexOf(e.intent()))
                .toArray();

        var model = new MaxentIntentTrainer(100, 0.1, 1, true).train(texts, y, labels, TrainingProgress.SILENT);
        double[] p = model.probabilities(encode("where is my refund money"));

        assertThat(labels.get(ProbabilityCombiner.argmax(p))).isEqualTo(IntentName.of("refund_status"));
        assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));

        model.save(dir);
        var loaded = MaxentIntentModel.load(dir, labels);
        assertThat(loaded.probabilities(encode("hi there")))
                .containsExactly(model.probabilities(encode("hi there")), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void leavesNoCategorizerInTheThreadsThatUsedItOnceTheModelIsDropped(@TempDir Path dir) throws Exception {
        var data = TinyData.data();
        LabelSet labels =
                LabelSet.sortedOf(data.examples().stream().map(e -> e.intent()).toList());
        List<EncodedText> texts =
                data.examples().stream().map(e -> encode(e.text())).toList();
        int[] y = data.examples().stream()
                .mapToInt(e -> labels.indexOf(e.intent()))
                .toArray();
        new MaxentIntentTrainer(20, 0.1, 1, false)
                .train(texts, y, labels, TrainingProgress.SILENT)
                .save(dir);
        ExecutorService classificationThreads = Executors.newFixedThreadPool(2); // long-lived, as in the service
        try {
            long before = LiveInstances.of(DoccatModel.class);
            for (int swap = 0; swap < 5; swap++) { // a model replaced five times (hot swap)
                MaxentIntentModel model = MaxentIntentModel.load(dir, labels);
                List<Future<double[]>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(classificationThreads.submit(() -> model.probabilities(encode("refund please"))));
                }
                for (Future<double[]> f : answers) {
                    f.get();
                }
            }
            assertThat(LiveInstances.of(DoccatModel.class) - before).isLessThanOrEqualTo(1);
        } finally {
            classificationThreads.shutdownNow();
        }
    }

    @Test
    void refusesAMissingOrCorruptModelFile(@TempDir Path dir) throws IOException {
        LabelSet labels = new LabelSet(List.of(IntentName.of("a"), IntentName.of("b")));
        assertThatThrownBy(() -> MaxentIntentModel.load(dir, labels))
                .hasMessageContaining("maxent-doccat.bin: missing");
        Files.writeString(dir.resolve(MaxentIntentModel.FILE), "not a model");
        assertThatThrownBy(() -> MaxentIntentModel.load(dir, labels))
                .hasMessageContaining("not a readable OpenNLP doccat model");
    }

    private EncodedText encode(String text) {
        return new EncodedText(pipeline.normalise(text), pipeline.tokens(text), new float[0]);
    }
}
