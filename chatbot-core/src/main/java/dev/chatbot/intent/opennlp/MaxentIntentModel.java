package dev.chatbot.intent.opennlp;

import dev.chatbot.intent.EncodedText;
import dev.chatbot.intent.InstancePool;
import dev.chatbot.intent.LabelSet;
import dev.chatbot.intent.ProbabilityModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;

/** OpenNLP maxent document categorizer over word and character n-grams. */
public final class MaxentIntentModel implements ProbabilityModel {

    public static final String FAMILY = "opennlp-maxent";
    static final String FILE = "maxent-doccat.bin";

    private final DoccatModel model;
    private final LabelSet labels;
    private final int[] outcomeOfLabel;
    private final InstancePool<DocumentCategorizerME> categorizers;

    MaxentIntentModel(DoccatModel model, LabelSet labels) {
        this.model = model;
        this.labels = labels;
        this.outcomeOfLabel = new int[labels.size()];
        var maxent = model.getMaxentModel();
        for (int i = 0; i < labels.size(); i++) {
            outcomeOfLabel[i] = maxent.getIndex(labels.get(i).value());
        }
        this.categorizers = new InstancePool<>(() -> new DocumentCategorizerME(model));
    }

    /** Reads the family's artefact from a model directory; refuses a missing or corrupt file. */
    public static MaxentIntentModel load(Path directory, LabelSet labels) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing (the OpenNLP maxent model)");
        }
        DoccatModel model;
        try {
            model = new DoccatModel(file);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a readable OpenNLP doccat model (" + e.getMessage() + ")", e);
        }
        var maxent = model.getMaxentModel();
        for (var name : labels.names()) {
            if (maxent.getIndex(name.value()) < 0) {
                throw new IOException(file + ": has no outcome for intent '" + name + "' listed in the manifest");
            }
        }
        return new MaxentIntentModel(model, labels);
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
        String[] tokens = text.tokens().toArray(String[]::new);
        double[] outcomes = categorizers.with(categorizer -> categorizer.categorize(tokens));
        double[] out = new double[labels.size()];
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            int o = outcomeOfLabel[i];
            out[i] = o < 0 ? 0.0 : outcomes[o];
            sum += out[i];
        }
        if (sum > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] /= sum;
            }
        }
        return out;
    }

    @Override
    public void save(Path directory) throws IOException {
        model.serialize(directory.resolve(FILE));
    }
}
