package dev.chatbot.training;

import dev.chatbot.intent.IntentName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits intents into groups of related intents that are left out together during calibration, so
 * their examples imitate real unknowns. Related means the same category when the data names one,
 * otherwise the same name prefix ({@code card_arrival} and {@code card_linking} share {@code card}).
 * Topics are packed into {@code count} groups of similar example counts.
 */
final class IntentGroups {

    private IntentGroups() {}

    static List<List<IntentName>> partition(
            Map<IntentName, Integer> exampleCounts, Map<IntentName, String> categories, int count) {
        Map<String, List<IntentName>> topics = new TreeMap<>();
        for (IntentName intent : exampleCounts.keySet()) {
            String topic = categories.getOrDefault(intent, prefix(intent));
            topics.computeIfAbsent(topic, k -> new ArrayList<>()).add(intent);
        }
        int groups = Math.min(count, topics.size());
        if (groups < 2) {
            // Too few topics to leave one out as a whole: fall back to single intents.
            topics = new LinkedHashMap<>();
            for (IntentName intent : exampleCounts.keySet()) {
                topics.put(intent.value(), List.of(intent));
            }
            groups = Math.min(count, topics.size());
        }
        List<List<IntentName>> out = new ArrayList<>();
        int[] load = new int[groups];
        for (int g = 0; g < groups; g++) {
            out.add(new ArrayList<>());
        }
        List<List<IntentName>> ordered = new ArrayList<>(topics.values());
        ordered.sort(Comparator.comparingInt((List<IntentName> t) -> -size(t, exampleCounts))
                .thenComparing(t -> t.get(0)));
        for (List<IntentName> topic : ordered) {
            int lightest = 0;
            for (int g = 1; g < groups; g++) {
                if (load[g] < load[lightest]) {
                    lightest = g;
                }
            }
            out.get(lightest).addAll(topic);
            load[lightest] += size(topic, exampleCounts);
        }
        return out;
    }

    private static int size(List<IntentName> topic, Map<IntentName, Integer> counts) {
        return topic.stream().mapToInt(counts::get).sum();
    }

    static String prefix(IntentName intent) {
        String v = intent.value();
        int cut = v.indexOf('_');
        return cut > 0 ? v.substring(0, cut) : v;
    }
}
