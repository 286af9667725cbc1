package dev.chatbot.intent.dl4j;

import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.ProbabilityModel;
import dev.chatbot.intent.ProbabilityModelTrainer;
import dev.chatbot.intent.TrainingProgress;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Trains a one-hidden-layer network with Adam, dropout and L2, in shuffled mini-batches. */
public final class Dl4jIntentTrainer implements ProbabilityModelTrainer {

    /** Hyper-parameters of the network; defaults measured on BANKING77 and the shipped FAQ. */
    public record Settings(
            int hashBuckets,
            int hidden,
            int epochs,
            int batchSize,
            double learningRate,
            double l2,
            double retainProbability,
            long seed) {
        public static Settings defaults() {
            return new Settings(0, 512, 30, 256, 3e-3, 1e-4, 0.6, 42L);
        }
    }

    private final Settings settings;

    public Dl4jIntentTrainer(Settings settings) {
        this.settings = settings;
        NativeThreads.limit();
    }

    @Override
    public String family() {
        return Dl4jIntentModel.FAMILY;
    }

    @Override
    public ProbabilityModel train(List<EncodedText> texts, int[] labels, LabelSet labelSet, TrainingProgress progress) {
        int embeddingDimension = texts.isEmpty() ? 0 : texts.get(0).embedding().length;
        InputVectorizer vectorizer = new InputVectorizer(embeddingDimension, settings.hashBuckets());
        int n = texts.size();
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = vectorizer.vectorize(texts.get(i));
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .updater(new Adam(settings.learningRate()))
                .l2(settings.l2())
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(vectorizer.width())
                        .nOut(settings.hidden())
                        .activation(Activation.RELU)
                        .dropOut(settings.retainProbability())
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(settings.hidden())
                        .nOut(labelSet.size())
                        .activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();

        Random random = new Random(settings.seed());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int width = vectorizer.width();
        int classes = labelSet.size();
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            shuffle(order, random);
            for (int start = 0; start < n; start += settings.batchSize()) {
                int size = Math.min(settings.batchSize(), n - start);
                float[][] bx = new float[size][];
                float[][] by = new float[size][classes];
                for (int j = 0; j < size; j++) {
                    bx[j] = x[order[start + j]];
                    by[j][labels[order[start + j]]] = 1f;
                }
                try (INDArray features = Nd4j.create(bx);
                        INDArray targets = Nd4j.create(by)) {
                    network.fit(features, targets);
                }
            }
            if (epoch == 1 || epoch % 10 == 0 || epoch == settings.epochs()) {
                progress.report("dl4j: epoch " + epoch + "/" + settings.epochs() + ", loss "
                        + String.format("%.4f", network.score()));
            }
        }
        assert width == network.layerInputSize(0);
        return new Dl4jIntentModel(network, vectorizer, labelSet, density(network, x, labels, classes));
    }

    /** The hidden layer's Gaussians over the training messages, computed in batches. */
    private HiddenDensity density(MultiLayerNetwork network, float[][] x, int[] labels, int classes) {
        float[][] hidden = new float[x.length][];
        for (int start = 0; start < x.length; start += settings.batchSize()) {
            int size = Math.min(settings.batchSize(), x.length - start);
            float[][] batch = new float[size][];
            System.arraycopy(x, start, batch, 0, size);
            try (INDArray features = Nd4j.create(batch)) {
                INDArray h = network.feedForwardToLayer(0, features, false).get(1);
                float[][] rows = h.toFloatMatrix();
                System.arraycopy(rows, 0, hidden, start, size);
            }
        }
        return HiddenDensity.fit(hidden, labels, classes);
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
