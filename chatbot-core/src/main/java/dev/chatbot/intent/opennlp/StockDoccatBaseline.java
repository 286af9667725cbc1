package dev.chatbot.intent.opennlp;

import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.IntentPrediction;
import dev.chatbot.intent.ScoredIntent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Stock OpenNLP doccat with its default settings (whitespace tokens, bag of words, maxent GIS, 100
 * iterations, cutoff 5): the baseline the benchmarks compare the engine against. Not used in production.
 */
public final class StockDoccatBaseline implements IntentClassifier {

    private final DoccatModel model;
    private final ThreadLocal<DocumentCategorizerME> categorizer;
    private final List<IntentName> labels;

    private StockDoccatBaseline(DoccatModel model) {
        this.model = model;
        this.categorizer = ThreadLocal.withInitial(() -> new DocumentCategorizerME(model));
        DocumentCategorizerME me = new DocumentCategorizerME(model);
        List<IntentName> names = new ArrayList<>();
        for (int i = 0; i < me.getNumberOfCategories(); i++) {
            names.add(IntentName.of(me.getCategory(i)));
        }
        this.labels = List.copyOf(names);
    }

    public static StockDoccatBaseline train(List<Example> examples) {
        List<DocumentSample> samples = examples.stream()
                .map(e -> new DocumentSample(e.intent().value(), WhitespaceTokenizer.INSTANCE.tokenize(e.text())))
                .toList();
        try {
            return new StockDoccatBaseline(DocumentCategorizerME.train(
                    "en",
                    ObjectStreamUtils.createObjectStream(samples),
                    TrainingParameters.defaultParams(),
                    new DoccatFactory()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public IntentPrediction classify(String message) {
        DocumentCategorizerME me = categorizer.get();
        double[] p = me.categorize(WhitespaceTokenizer.INSTANCE.tokenize(message));
        List<ScoredIntent> ranked = new ArrayList<>(p.length);
        for (int i = 0; i < p.length; i++) {
            ranked.add(new ScoredIntent(IntentName.of(me.getCategory(i)), p[i]));
        }
        return new IntentPrediction(ranked, 0.5);
    }

    @Override
    public List<IntentName> labels() {
        return labels;
    }

    @Override
    public String version() {
        return "stock-opennlp-doccat";
    }
}
