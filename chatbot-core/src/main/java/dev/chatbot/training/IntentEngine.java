package dev.chatbot.training;

import dev.chatbot.intent.ProbabilityModelTrainer;
import dev.chatbot.intent.TextPipeline;
import dev.chatbot.intent.dl4j.Dl4jIntentTrainer;
import dev.chatbot.intent.embedding.SentenceEncoder;
import dev.chatbot.intent.knn.NearestNeighbourTrainer;
import dev.chatbot.intent.opennlp.MaxentIntentTrainer;
import dev.chatbot.intent.opennlp.OpenNlpTextPipeline;
import dev.chatbot.model.ModelFamilies;
import java.util.List;

/**
 * The default engine: OpenNLP pipeline with Porter stemming, the MiniLM encoder, an OpenNLP maxent
 * categorizer on word n-grams, a DL4J network on embeddings and nearest neighbours on embeddings. Hyper-parameters were chosen on
 * BANKING77 (see docs/benchmarks.md).
 */
public final class IntentEngine {

    public static final boolean STEMMING = true;
    public static final int MAXENT_ITERATIONS = 100;
    public static final double MAXENT_L2 = 0.5;
    public static final int NEIGHBOURS = 3;

    private IntentEngine() {}

    public static TextPipeline pipeline() {
        return new OpenNlpTextPipeline(STEMMING);
    }

    public static SentenceEncoder encoder() {
        try {
            return ModelFamilies.encoder(ModelFamilies.DEFAULT_ENCODER, null);
        } catch (dev.chatbot.model.ModelLoadException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<ProbabilityModelTrainer> trainers(int threads) {
        return List.of(
                new MaxentIntentTrainer(MAXENT_ITERATIONS, MAXENT_L2, threads, false),
                new Dl4jIntentTrainer(Dl4jIntentTrainer.Settings.defaults()),
                new NearestNeighbourTrainer(NEIGHBOURS));
    }

    /**
     * The engine of a further language: the maxent categorizer on word n-grams and character n-grams without
     * stemming, the one family that works for any language (the Porter stemmer and the MiniLM encoder are
     * English-only). Character n-grams were chosen on the shipped German FAQ's calibration rounds: held-out accuracy
     * 0.78 with them, 0.56 without (inflections and compounds share their pieces: Versand, Versandkosten).
     */
    public static IntentModelTrainer languageTrainer(int threads) {
        return new IntentModelTrainer(
                new OpenNlpTextPipeline(false),
                null,
                List.of(new MaxentIntentTrainer(MAXENT_ITERATIONS, MAXENT_L2, threads, true)));
    }

    public static IntentModelTrainer trainer(int threads) {
        return new IntentModelTrainer(pipeline(), encoder(), trainers(threads));
    }
}
