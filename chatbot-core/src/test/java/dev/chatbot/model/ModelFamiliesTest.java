package dev.chatbot.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelFamiliesTest {

    private static final Path MANIFEST = Path.of("models", "v1", "manifest.json");

    @Test
    void anUnknownEncoderNameIsALoadErrorNamingTheManifest() {
        assertThatThrownBy(() -> ModelFamilies.encoder("no-such-encoder", MANIFEST))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(MANIFEST.toString())
                .hasMessageContaining("unknown sentence encoder 'no-such-encoder'");
    }

    @Test
    void aKnownEncoderWhoseWeightsAreNotOnTheClasspathIsALoadErrorNotACrash() {
        // the core module ships MiniLM only; e5's weights come with the benchmark module
        assertThatThrownBy(() -> ModelFamilies.encoder("e5-small-v2-q", MANIFEST))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(MANIFEST.toString())
                .hasMessageContaining("'e5-small-v2-q' is not on the classpath")
                .hasMessageContaining("e5-small-v2-q.onnx");
    }
}
