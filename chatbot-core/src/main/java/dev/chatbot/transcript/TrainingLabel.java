package dev.chatbot.transcript;

import dev.chatbot.intent.IntentName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer message with the intent an agent gave it: what retraining learns from.
 *
 * @param text the redacted message text
 * @param botGuess the bot's top guess for the message, or null if it was not classified
 * @param language the message's detected language (ISO 639-1), or null when it was not detected
 */
public record TrainingLabel(
        ConversationId conversationId,
        MessageId messageId,
        String text,
        IntentName intent,
        IntentName botGuess,
        AgentId agent,
        Instant at,
        String language) {

    /**
     * The labels of one conversation's log; when a message was labelled twice the later label wins, and a later
     * "not covered" mark removes the label (see {@link NotCoveredMark}).
     */
    public static List<TrainingLabel> from(List<StoredEvent> log) {
        Map<MessageId, TranscriptEvent.MessageReceived> messages = new HashMap<>();
        Map<MessageId, TrainingLabel> labels = new LinkedHashMap<>();
        for (StoredEvent stored : log) {
            if (stored.event() instanceof TranscriptEvent.MessageReceived m) {
                messages.put(m.messageId(), m);
            } else if (stored.event() instanceof TranscriptEvent.Labelled l) {
                TranscriptEvent.MessageReceived m = messages.get(l.messageId());
                if (m != null) {
                    IntentName guess =
                            m.guesses().isEmpty() ? null : m.guesses().get(0).intent();
                    labels.remove(l.messageId());
                    labels.put(
                            l.messageId(),
                            new TrainingLabel(
                                    stored.conversationId(),
                                    l.messageId(),
                                    m.text(),
                                    l.intent(),
                                    guess,
                                    l.agent(),
                                    l.at(),
                                    m.language()));
                }
            } else if (stored.event() instanceof TranscriptEvent.MarkedNotCovered n) {
                labels.remove(n.messageId());
            }
        }
        return new ArrayList<>(labels.values());
    }
}
