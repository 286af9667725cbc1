package dev.chatbot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.intent.dl4j.Dl4jIntentTrainer;
import dev.chatbot.intent.opennlp.MaxentIntentTrainer;
import dev.chatbot.intent.opennlp.OpenNlpTextPipeline;
import dev.chatbot.testing.TinyData;
import dev.chatbot.training.IntentModelTrainer;
import dev.chatbot.training.ModelTraining;
import dev.chatbot.training.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelIoTest {

    @TempDir
    static Path root;

    private ModelRepository repository;
    private String version;

    @BeforeAll
    void trainATinyModelWithoutEncoder() throws Exception {
        IntentModelTrainer trainer = new IntentModelTrainer(
                new OpenNlpTextPipeline(true),
                null,
                List.of(
                        new MaxentIntentTrainer(50, 0.1, 1, true),
                        new Dl4jIntentTrainer(new Dl4jIntentTrainer.Settings(128, 16, 30, 8, 1e-2, 1e-5, 1.0, 3L))));
        repository = new ModelRepository(root.resolve("models"));
        Files.createDirectories(repository.root());
        TrainingSettings settings = TrainingSettings.defaults().withRejectLabel(null);
        var outcome = new ModelTraining(trainer)
                .run(TinyData.data(), "inline", settings, repository, List.of(), null, true, TrainingProgress.SILENT);
        version = outcome.version();
    }

    @Test
    void aSavedModelLoadsAndClassifiesLikeTheOriginal() throws Exception {
        LoadedModel model = ModelIo.load(repository.currentDirectory());
        assertThat(model.manifest().version()).isEqualTo(version);
        assertThat(model.manifest().members())
                .extracting(ModelManifest.Member::family)
                .containsExactly("opennlp-maxent", "dl4j-mlp");
        assertThat(model.manifest().files()).containsKeys("maxent-doccat.bin", "dl4j-network.zip", "intents.json");
        assertThat(model.classifier().classify("where is my parcel").intent().value())
                .isEqualTo("order_status");
        assertThat(model.intents()).hasSize(3);
        assertThat(model.classifier().classify("hello").threshold())
                .isEqualTo(model.manifest().threshold());
    }

    @Test
    void refusesACorruptArtefactNamingTheFile(@TempDir Path copy) throws Exception {
        Path dir = copyOf(repository.currentDirectory(), copy);
        byte[] bytes = Files.readAllBytes(dir.resolve("maxent-doccat.bin"));
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(dir.resolve("maxent-doccat.bin"), bytes);
        assertThatThrownBy(() -> ModelIo.load(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("maxent-doccat.bin: checksum mismatch");
    }

    @Test
    void refusesAnIncompleteDirectory(@TempDir Path copy) throws Exception {
        Path dir = copyOf(repository.currentDirectory(), copy);
        Files.delete(dir.resolve("dl4j-network.zip"));
        assertThatThrownBy(() -> ModelIo.load(dir)).hasMessageContaining("dl4j-network.zip: missing");
        Files.delete(dir.resolve(ModelManifest.FILE));
        assertThatThrownBy(() -> ModelIo.load(dir)).hasMessageContaining("manifest.json: missing");
    }

    @Test
    void refusesAGarbledManifest(@TempDir Path copy) throws Exception {
        Path dir = copyOf(repository.currentDirectory(), copy);
        Files.writeString(dir.resolve(ModelManifest.FILE), "{ \"formatVersion\": 1, ");
        assertThatThrownBy(() -> ModelIo.load(dir)).hasMessageContaining("manifest.json: not a valid manifest");
    }

    private static Path copyOf(Path source, Path target) throws Exception {
        Path dir = target.resolve("m");
        Files.createDirectories(dir);
        try (var files = Files.list(source.toRealPath())) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }
}
