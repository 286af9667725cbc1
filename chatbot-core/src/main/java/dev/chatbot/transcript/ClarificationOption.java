package dev.chatbot.transcript;

import dev.chatbot.intent.IntentName;
import java.util.Objects;

/** One choice of a clarifying question: the intent it stands for and the quick-reply label shown. */
public record ClarificationOption(IntentName intent, String label) {

    public ClarificationOption {
        Objects.requireNonNull(intent, "intent");
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a clarification option needs a label");
        }
    }
}
