package dev.chatbot.intent.dl4j;

import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.InstancePool;
import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.MemberScores;
import dev.chatbot.intent.ProbabilityModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Deeplearning4j feed-forward network; callers borrow copies from the model's pool (DL4J networks are not thread-safe). */
public final class Dl4jIntentModel implements ProbabilityModel {

    public static final String FAMILY = "dl4j-mlp";
    static final String NETWORK_FILE = "dl4j-network.zip";
    static final String INPUT_FILE = "dl4j-input.properties";
    static final String DENSITY_FILE = "dl4j-density.bin";

    private final MultiLayerNetwork network;
    private final InputVectorizer vectorizer;
    private final LabelSet labels;
    private final InstancePool<MultiLayerNetwork> copies;
    private final HiddenDensity density;

    /** @param density the hidden layer's Gaussians, or null (models saved before they were kept) */
    Dl4jIntentModel(MultiLayerNetwork network, InputVectorizer vectorizer, LabelSet labels, HiddenDensity density) {
        NativeThreads.limit();
        this.network = network;
        this.vectorizer = vectorizer;
        this.labels = labels;
        this.copies = new InstancePool<>(network::clone);
        this.density = density;
    }

    /** Reads the network and its input description; refuses missing, corrupt or mismatched files. */
    public static Dl4jIntentModel load(Path directory, LabelSet labels, int embeddingDimension) throws IOException {
        Path networkFile = directory.resolve(NETWORK_FILE);
        Path inputFile = directory.resolve(INPUT_FILE);
        for (Path p : new Path[] {networkFile, inputFile}) {
            if (!Files.isRegularFile(p)) {
                throw new IOException(p + ": missing (part of the DL4J model)");
            }
        }
        Properties input = new Properties();
        try (var reader = Files.newBufferedReader(inputFile, StandardCharsets.UTF_8)) {
            input.load(reader);
        }
        InputVectorizer vectorizer;
        try {
            vectorizer = new InputVectorizer(
                    Integer.parseInt(input.getProperty("embeddingDimension")),
                    Integer.parseInt(input.getProperty("hashBuckets")));
        } catch (RuntimeException e) {
            throw new IOException(inputFile + ": missing or invalid embeddingDimension/hashBuckets", e);
        }
        if (vectorizer.embeddingDimension() != embeddingDimension) {
            throw new IOException(inputFile + ": network expects embeddings of " + vectorizer.embeddingDimension()
                    + " dimensions, the model's encoder gives " + embeddingDimension);
        }
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(networkFile.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new IOException(networkFile + ": not a readable DL4J network (" + e.getMessage() + ")", e);
        }
        long in = network.layerInputSize(0);
        long out = network.getLayer(network.getnLayers() - 1).getParam("W").size(1);
        if (in != vectorizer.width() || out != labels.size()) {
            throw new IOException(networkFile + ": network shape " + in + "->" + out + " does not match "
                    + vectorizer.width() + " inputs and " + labels.size() + " intents");
        }
        HiddenDensity density = null;
        Path densityFile = directory.resolve(DENSITY_FILE);
        if (Files.isRegularFile(densityFile)) {
            try (DataInputStream stream =
                    new DataInputStream(new BufferedInputStream(Files.newInputStream(densityFile)))) {
                density = HiddenDensity.read(
                        stream, (int) network.getLayer(0).getParam("W").size(1), labels.size());
            } catch (EOFException e) {
                throw new IOException(densityFile + ": truncated", e);
            } catch (IOException e) {
                throw new IOException(densityFile + ": " + e.getMessage(), e);
            }
        }
        return new Dl4jIntentModel(network, vectorizer, labels, density);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public LabelSet labels() {
        return labels;
    }

    @Override
    public double[] probabilities(EncodedText text) {
        INDArray input = Nd4j.create(new float[][] {vectorizer.vectorize(text)});
        double[] out = copies.with(copy -> {
            INDArray output = copy.output(input, false);
            double[] probabilities = output.toDoubleVector();
            output.close();
            return probabilities;
        });
        input.close();
        return out;
    }

    /** The probabilities and, when the model keeps its hidden layer's Gaussians, the relative Mahalanobis distance. */
    @Override
    public MemberScores scores(EncodedText text) {
        if (density == null) {
            return new MemberScores(probabilities(text), null);
        }
        INDArray input = Nd4j.create(new float[][] {vectorizer.vectorize(text)});
        MemberScores out = copies.with(copy -> {
            List<INDArray> activations = copy.feedForward(input, false);
            float[] hidden = activations.get(1).toFloatVector();
            double[] probabilities = activations.get(activations.size() - 1).toDoubleVector();
            return new MemberScores(probabilities, null, density.relativeDistance(hidden));
        });
        input.close();
        return out;
    }

    /** The same network without the hidden layer's Gaussians: no distance per message, no density file. */
    @Override
    public Dl4jIntentModel withoutDistance() {
        return density == null ? this : new Dl4jIntentModel(network, vectorizer, labels, null);
    }

    /** True when the model keeps its hidden layer's Gaussians (and so gives a distance in {@link #scores}). */
    public boolean hasDensity() {
        return density != null;
    }

    /** The hidden layer's activations for a message: the network's learned representation of it. */
    public float[] hidden(EncodedText text) {
        INDArray input = Nd4j.create(new float[][] {vectorizer.vectorize(text)});
        float[] out = copies.with(
                copy -> copy.feedForwardToLayer(0, input, false).get(1).toFloatVector());
        input.close();
        return out;
    }

    /** Batch evaluation for training-time calibration. */
    double[][] probabilities(float[][] inputs) {
        INDArray output = network.output(Nd4j.create(inputs), false);
        return output.toDoubleMatrix();
    }

    @Override
    public void save(Path directory) throws IOException {
        ModelSerializer.writeModel(network, directory.resolve(NETWORK_FILE).toFile(), false);
        if (density != null) {
            try (DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(directory.resolve(DENSITY_FILE))))) {
                density.write(out);
            }
        }
        Properties input = new Properties();
        input.setProperty("embeddingDimension", Integer.toString(vectorizer.embeddingDimension()));
        input.setProperty("hashBuckets", Integer.toString(vectorizer.hashBuckets()));
        try (var writer = Files.newBufferedWriter(directory.resolve(INPUT_FILE), StandardCharsets.UTF_8)) {
            input.store(writer, "input layout of the DL4J network");
        }
    }
}
