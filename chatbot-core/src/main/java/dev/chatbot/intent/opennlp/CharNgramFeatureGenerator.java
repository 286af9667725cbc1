package dev.chatbot.intent.opennlp;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import opennlp.tools.doccat.FeatureGenerator;

/** Character 3- to 5-grams inside word boundaries: robust to typos and unseen word forms. */
public final class CharNgramFeatureGenerator implements FeatureGenerator {

    static final int MIN = 3;
    static final int MAX = 5;

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        Set<String> features = new LinkedHashSet<>();
        for (String token : tokens) {
            String word = "_" + token + "_";
            for (int n = MIN; n <= MAX; n++) {
                for (int i = 0; i + n <= word.length(); i++) {
                    features.add("c=" + word.substring(i, i + n));
                }
            }
        }
        return features;
    }
}
