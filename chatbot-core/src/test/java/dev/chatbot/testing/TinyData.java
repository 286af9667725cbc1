package dev.chatbot.testing;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.data.TrainingData;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tiny inline training set (three intents, two categories) for fast classifier tests. */
public final class TinyData {

    private TinyData() {}

    public static final Map<String, List<String>> EXAMPLES = Map.of(
            "order_status",
                    List.of(
                            "where is my order",
                            "track my parcel",
                            "has my order shipped",
                            "my package has not arrived",
                            "when will my order arrive",
                            "tracking number for my order",
                            "order still not here",
                            "where is my parcel"),
            "refund_status",
                    List.of(
                            "where is my refund",
                            "when do I get my money back",
                            "refund not received",
                            "money back for my return",
                            "has my refund been paid",
                            "still waiting for my refund",
                            "refund status please",
                            "did you refund me"),
            "greeting",
                    List.of(
                            "hello",
                            "hi there",
                            "good morning",
                            "hey",
                            "hello there",
                            "hi",
                            "good evening",
                            "hey hello"));

    public static TrainingData data() {
        List<Example> examples = new ArrayList<>();
        Map<IntentName, IntentDefinition> defs = new LinkedHashMap<>();
        for (String intent : List.of("greeting", "order_status", "refund_status")) {
            IntentName name = IntentName.of(intent);
            for (String text : EXAMPLES.get(intent)) {
                examples.add(new Example(text, name, "inline"));
            }
            defs.put(
                    name,
                    new IntentDefinition(
                            name,
                            intent.equals("greeting") ? "smalltalk" : "orders",
                            "answer for " + intent,
                            List.of(),
                            false));
        }
        return new TrainingData(examples, defs);
    }
}
