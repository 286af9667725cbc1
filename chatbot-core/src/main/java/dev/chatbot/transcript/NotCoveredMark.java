package dev.chatbot.transcript;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer message an agent marked as not covered by the FAQ: a near miss that retraining learns to escalate.
 *
 * @param text the redacted message text
 * @param language the message's detected language (ISO 639-1), or null when it was not detected
 */
public record NotCoveredMark(
        ConversationId conversationId, MessageId messageId, String text, AgentId agent, Instant at, String language) {

    /** The marks of one conversation's log that no later label replaced, in the order they were given. */
    public static List<NotCoveredMark> from(List<StoredEvent> log) {
        Map<MessageId, TranscriptEvent.MessageReceived> messages = new HashMap<>();
        Map<MessageId, NotCoveredMark> marks = new LinkedHashMap<>();
        for (StoredEvent stored : log) {
            if (stored.event() instanceof TranscriptEvent.MessageReceived m) {
                messages.put(m.messageId(), m);
            } else if (stored.event() instanceof TranscriptEvent.MarkedNotCovered n) {
                TranscriptEvent.MessageReceived m = messages.get(n.messageId());
                if (m != null) {
                    marks.remove(n.messageId());
                    marks.put(
                            n.messageId(),
                            new NotCoveredMark(
                                    stored.conversationId(), n.messageId(), m.text(), n.agent(), n.at(), m.language()));
                }
            } else if (stored.event() instanceof TranscriptEvent.Labelled l) {
                marks.remove(l.messageId());
            }
        }
        return new ArrayList<>(marks.values());
    }
}
