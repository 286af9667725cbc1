package dev.chatbot.transcript;

import java.time.Instant;
import java.util.Objects;

/**
 * What remains of an erased conversation: its id, when it was erased and by whom (an agent's name or the command
 * line's {@code cli:<user>}). Nothing of its content.
 */
public record Tombstone(ConversationId conversationId, Instant erasedAt, String erasedBy) {

    public Tombstone {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(erasedAt, "erasedAt");
        if (erasedBy == null || erasedBy.isBlank() || erasedBy.length() > 100) {
            throw new IllegalArgumentException("who erased it: 1-100 characters");
        }
    }
}
