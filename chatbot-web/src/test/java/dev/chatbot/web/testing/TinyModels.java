package dev.chatbot.web.testing;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.data.TrainingData;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.TrainingProgress;
import dev.chatbot.intent.opennlp.MaxentIntentTrainer;
import dev.chatbot.intent.opennlp.OpenNlpTextPipeline;
import dev.chatbot.model.ModelRepository;
import dev.chatbot.training.IntentModelTrainer;
import dev.chatbot.training.ModelTraining;
import dev.chatbot.training.TrainingSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny maxent models (three intents with answers) trained in a second, for hot-swap tests. */
public final class TinyModels {

    private static final Map<String, List<String>> EXAMPLES = Map.of(
            "order_status",
                    List.of(
                            "where is my order",
                            "track my parcel",
                            "has my order shipped",
                            "my package has not arrived",
                            "when will my order arrive",
                            "order still not here"),
            "refund_status",
                    List.of(
                            "where is my refund",
                            "when do I get my money back",
                            "refund not received",
                            "money back for my return",
                            "has my refund been paid",
                            "still waiting for my refund"),
            "greeting", List.of("hello", "hi there", "good morning", "hey", "hello there", "good evening"));

    private TinyModels() {}

    /**
     * Trains the {@code variant}-th model (each leaves out {@code variant} examples per intent, so versions differ)
     * into the repository, promotes it, and returns its version. Version ids have a one-second resolution: wait a
     * second between two calls.
     */
    public static String trainAndPromote(ModelRepository repository, int variant) throws Exception {
        List<Example> examples = new ArrayList<>();
        Map<IntentName, IntentDefinition> faq = new LinkedHashMap<>();
        EXAMPLES.forEach((intent, texts) -> {
            IntentName name = IntentName.of(intent);
            texts.subList(0, texts.size() - variant).forEach(t -> examples.add(new Example(t, name, "inline")));
            faq.put(
                    name,
                    new IntentDefinition(
                            name,
                            intent.equals("greeting") ? "smalltalk" : "orders",
                            "answer for " + intent,
                            List.of(),
                            false));
        });
        IntentModelTrainer trainer = new IntentModelTrainer(
                new OpenNlpTextPipeline(true), null, List.of(new MaxentIntentTrainer(50, 0.1, 1, false)));
        return new ModelTraining(trainer)
                .run(
                        new TrainingData(examples, faq),
                        "inline",
                        new TrainingSettings(0.9, 0.2, 0, 0.2, 4000, null, 1, 42L),
                        repository,
                        List.of(),
                        null,
                        true,
                        TrainingProgress.SILENT)
                .version();
    }
}
