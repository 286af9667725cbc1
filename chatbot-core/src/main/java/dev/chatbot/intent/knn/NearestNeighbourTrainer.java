package dev.chatbot.intent.knn;

import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.ProbabilityModel;
import dev.chatbot.intent.ProbabilityModelTrainer;
import dev.chatbot.intent.TrainingProgress;
import java.util.List;

/** "Trains" the nearest-neighbour family: keeps every training embedding with its intent. */
public final class NearestNeighbourTrainer implements ProbabilityModelTrainer {

    private final int k;

    public NearestNeighbourTrainer(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1");
        }
        this.k = k;
    }

    @Override
    public String family() {
        return NearestNeighbourModel.FAMILY;
    }

    @Override
    public ProbabilityModel train(List<EncodedText> texts, int[] labels, LabelSet labelSet, TrainingProgress progress) {
        float[][] vectors = new float[texts.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = texts.get(i).embedding();
            if (vectors[i].length == 0) {
                throw new IllegalArgumentException("the nearest-neighbour family needs sentence embeddings");
            }
        }
        progress.report("knn: kept " + vectors.length + " embeddings, k=" + k);
        return new NearestNeighbourModel(labelSet, vectors, labels.clone(), k);
    }
}
