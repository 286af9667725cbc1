package dev.chatbot.conversation;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentClassifier;
import dev.chatbot.intent.IntentName;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model the {@link ConversationService} answers with, replaceable while serving (hot swap). Each message
 * takes one {@link #current()} snapshot and is classified and answered with it, so a swap never mixes one
 * model's intents with another's answers, and a message in flight finishes on the model it started with.
 * Thread-safe.
 */
public final class ModelSlot {

    /** A classifier and the FAQ answers of its intents. */
    public record Model(IntentClassifier classifier, Map<IntentName, IntentDefinition> faq) {
        public Model {
            Objects.requireNonNull(classifier, "classifier");
            faq = Map.copyOf(faq);
        }

        public String version() {
            return classifier.version();
        }
    }

    private final AtomicReference<Model> current;

    public ModelSlot(Model initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public Model current() {
        return current.get();
    }

    /** Serves {@code next} from the next message on; returns the model it replaced. */
    public Model swap(Model next) {
        return current.getAndSet(Objects.requireNonNull(next, "next"));
    }
}
