package dev.chatbot.model;

import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.ProbabilityModel;
import dev.chatbot.intent.TextPipeline;
import dev.chatbot.intent.dl4j.Dl4jIntentModel;
import dev.chatbot.intent.embedding.SentenceEncoder;
import dev.chatbot.intent.embedding.onnx.OnnxSentenceEncoder;
import dev.chatbot.intent.knn.NearestNeighbourModel;
import dev.chatbot.intent.opennlp.MaxentIntentModel;
import dev.chatbot.intent.opennlp.OpenNlpTextPipeline;
import java.io.IOException;
import java.nio.file.Path;

/** Maps the family, pipeline and encoder names stored in manifests to the adapters that read them. */
public final class ModelFamilies {

    /** The encoder new models are trained with. */
    public static final String DEFAULT_ENCODER = "all-MiniLM-L6-v2-q";

    private static final java.util.Map<String, SentenceEncoder> ENCODERS = new java.util.HashMap<>();

    private ModelFamilies() {}

    static ProbabilityModel load(String family, Path directory, LabelSet labels, int embeddingDimension)
            throws IOException, ModelLoadException {
        return switch (family) {
            case MaxentIntentModel.FAMILY -> MaxentIntentModel.load(directory, labels);
            case Dl4jIntentModel.FAMILY -> Dl4jIntentModel.load(directory, labels, embeddingDimension);
            case NearestNeighbourModel.FAMILY -> NearestNeighbourModel.load(directory, labels, embeddingDimension);
            default ->
                throw new ModelLoadException(
                        directory.resolve(ModelManifest.FILE) + ": unknown model family '" + family + "'");
        };
    }

    static TextPipeline pipeline(ModelManifest manifest) {
        return new OpenNlpTextPipeline(manifest.stemming());
    }

    /**
     * The encoder named in a manifest; one instance per JVM since it holds hundreds of MB. An encoder whose weights
     * are not on the classpath is a load error naming the manifest, not an unchecked exception.
     */
    public static synchronized SentenceEncoder encoder(String name, Path manifestFile) throws ModelLoadException {
        if (name == null) {
            return null;
        }
        var spec = OnnxSentenceEncoder.Spec.byName(name)
                .orElseThrow(() -> new ModelLoadException(manifestFile + ": unknown sentence encoder '" + name + "'"));
        try {
            return ENCODERS.computeIfAbsent(name, n -> new OnnxSentenceEncoder(spec));
        } catch (java.io.UncheckedIOException e) {
            throw new ModelLoadException(
                    manifestFile + ": sentence encoder '" + name + "' is not on the classpath ("
                            + e.getCause().getMessage() + ")",
                    e);
        }
    }
}
