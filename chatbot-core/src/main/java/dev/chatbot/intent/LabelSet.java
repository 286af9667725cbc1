package dev.chatbot.intent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ordered set of intents a model knows; model families index their outputs by this order. */
public record LabelSet(List<IntentName> names) {

    public LabelSet {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a label set needs at least one intent");
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("duplicate intent names in label set: " + names);
        }
    }

    public static LabelSet sortedOf(java.util.Collection<IntentName> names) {
        return new LabelSet(names.stream().distinct().sorted().toList());
    }

    public int size() {
        return names.size();
    }

    public IntentName get(int index) {
        return names.get(index);
    }

    /** Index of the intent, or -1 when it is not in this set. */
    public int indexOf(IntentName name) {
        return index().getOrDefault(name, -1);
    }

    public boolean contains(IntentName name) {
        return indexOf(name) >= 0;
    }

    private Map<IntentName, Integer> index() {
        Map<IntentName, Integer> map = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), i);
        }
        return map;
    }
}
