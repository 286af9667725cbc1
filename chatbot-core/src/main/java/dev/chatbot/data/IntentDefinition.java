package dev.chatbot.data;

import dev.chatbot.intent.IntentName;
import java.util.List;

/**
 * What the bot does for an intent: its answer, optional quick replies, and whether it always goes to a
 * person. {@code category} groups related intents (orders, shipping, ...).
 */
public record IntentDefinition(IntentName name, String category, String answer, List<String> quickReplies,
                               boolean alwaysHuman) {

    public IntentDefinition {
        category = category == null || category.isBlank() ? "" : category.strip();
        answer = answer == null ? "" : answer.strip();
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }
}
