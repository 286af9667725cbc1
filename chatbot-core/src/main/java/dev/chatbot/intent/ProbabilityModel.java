package dev.chatbot.intent;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One trained model family inside an ensemble (for example OpenNLP maxent or a DL4J network).
 *
 * <p>{@link #probabilities(EncodedText)} returns one probability per intent of {@link #labels()}, in
 * that order, summing to 1. Implementations are thread-safe after construction. {@link #save(Path)}
 * writes the family's artefacts into an existing directory; the matching loader reads them back and
 * must refuse incomplete or corrupt files with an {@link IOException} naming the file.
 */
public interface ProbabilityModel {

    /** Stable family id stored in manifests, e.g. {@code opennlp-maxent}. */
    String family();

    LabelSet labels();

    double[] probabilities(EncodedText text);

    /**
     * The probabilities and, for families that keep their training examples, how close the message lies to each
     * intent's examples, from one pass over the model. The default has no neighbourhood.
     */
    default MemberScores scores(EncodedText text) {
        return new MemberScores(probabilities(text), null);
    }

    /**
     * This model without what it keeps only to give a distance in {@link #scores} (see {@link MemberScores}): for an
     * ensemble whose decision does not read the distance, so that it is neither computed per message nor saved. The
     * default returns the model itself.
     */
    default ProbabilityModel withoutDistance() {
        return this;
    }

    void save(Path directory) throws IOException;
}
