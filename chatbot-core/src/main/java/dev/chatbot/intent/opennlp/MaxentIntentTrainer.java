package dev.chatbot.intent.opennlp;

import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.ProbabilityModel;
import dev.chatbot.intent.ProbabilityModelTrainer;
import dev.chatbot.intent.TrainingProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.maxent.quasinewton.QNTrainer;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/** Trains the OpenNLP maxent categorizer with L-BFGS (QN) and L2 regularisation. */
public final class MaxentIntentTrainer implements ProbabilityModelTrainer {

    private final int iterations;
    private final double l2Cost;
    private final int threads;

    private final boolean characterNgrams;

    public MaxentIntentTrainer(int iterations, double l2Cost, int threads, boolean characterNgrams) {
        this.iterations = iterations;
        this.l2Cost = l2Cost;
        this.threads = threads;
        this.characterNgrams = characterNgrams;
    }

    @Override
    public String family() {
        return MaxentIntentModel.FAMILY;
    }

    @Override
    public ProbabilityModel train(List<EncodedText> texts, int[] labels, LabelSet labelSet, TrainingProgress progress) {
        List<DocumentSample> samples = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String[] tokens = texts.get(i).tokens().toArray(String[]::new);
            samples.add(new DocumentSample(
                    labelSet.get(labels[i]).value(), tokens.length == 0 ? new String[] {"<empty>"} : tokens));
        }
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, QNTrainer.MAXENT_QN_VALUE);
        params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        params.put(TrainingParameters.CUTOFF_PARAM, 1);
        params.put(QNTrainer.L2COST_PARAM, l2Cost);
        params.put(QNTrainer.THREADS_PARAM, threads);
        params.put("PrintMessages", false);
        FeatureGenerator[] features = characterNgrams
                ? new FeatureGenerator[] {new WordNgramFeatureGenerator(), new CharNgramFeatureGenerator()}
                : new FeatureGenerator[] {new WordNgramFeatureGenerator()};
        progress.report("maxent: training on " + samples.size() + " examples, " + labelSet.size() + " intents");
        try {
            DoccatModel model = DocumentCategorizerME.train(
                    "en", ObjectStreamUtils.createObjectStream(samples), params, new DoccatFactory(features));
            return new MaxentIntentModel(model, labelSet);
        } catch (IOException e) {
            throw new UncheckedIOException("maxent training failed", e);
        }
    }
}
