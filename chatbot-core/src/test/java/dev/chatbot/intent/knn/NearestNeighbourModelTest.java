package dev.chatbot.intent.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.TrainingProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearestNeighbourModelTest {

    private final LabelSet labels = new LabelSet(List.of(IntentName.of("a"), IntentName.of("b")));

    @Test
    void scoresTheIntentWhoseExamplesAreClosest(@TempDir Path dir) throws Exception {
        List<EncodedText> texts = List.of(vec(1, 0, 0), vec(0.9f, 0.1f, 0), vec(0, 1, 0), vec(0, 0.9f, 0.1f));
        var model =
                new NearestNeighbourTrainer(2).train(texts, new int[] {0, 0, 1, 1}, labels, TrainingProgress.SILENT);

        double[] p = model.probabilities(vec(0.95f, 0.05f, 0));
        assertThat(p[0]).isGreaterThan(0.9);
        assertThat(p[0] + p[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));

        model.save(dir);
        var loaded = NearestNeighbourModel.load(dir, labels, 3);
        assertThat(loaded.probabilities(vec(0, 1, 0)))
                .containsExactly(model.probabilities(vec(0, 1, 0)), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void refusesTruncatedOrMismatchedFiles(@TempDir Path dir) throws Exception {
        var model = new NearestNeighbourTrainer(1)
                .train(List.of(vec(1, 0, 0), vec(0, 1, 0)), new int[] {0, 1}, labels, TrainingProgress.SILENT);
        model.save(dir);
        assertThatThrownBy(() -> NearestNeighbourModel.load(dir, labels, 384))
                .hasMessageContaining("the encoder gives 384");
        byte[] bytes = Files.readAllBytes(dir.resolve(NearestNeighbourModel.FILE));
        Files.write(dir.resolve(NearestNeighbourModel.FILE), java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> NearestNeighbourModel.load(dir, labels, 3)).hasMessageContaining("truncated");
    }

    @Test
    void needsEmbeddings() {
        var texts = List.of(new EncodedText("x", List.of("x"), new float[0]));
        assertThatThrownBy(() ->
                        new NearestNeighbourTrainer(1).train(texts, new int[] {0}, labels, TrainingProgress.SILENT))
                .hasMessageContaining("needs sentence embeddings");
    }

    private static EncodedText vec(float... v) {
        double n = 0;
        for (float f : v) {
            n += f * f;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / Math.sqrt(n));
        }
        return new EncodedText("", List.of(), u);
    }
}
