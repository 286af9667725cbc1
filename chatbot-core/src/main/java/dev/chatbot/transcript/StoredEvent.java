package dev.chatbot.transcript;

import java.util.Objects;

/**
 * An event as stored: its conversation and its sequence number in that conversation's log (1, 2, 3, ...
 * without gaps).
 */
public record StoredEvent(ConversationId conversationId, long sequence, TranscriptEvent event) {

    public StoredEvent {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(event, "event");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1: " + sequence);
        }
    }
}
