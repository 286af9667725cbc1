package dev.chatbot.conversation;

import dev.chatbot.transcript.ConversationId;

/**
 * What the conversation's state does not allow, by name: a message to a closed conversation
 * ({@link ConversationClosedException}), an agent acting on a conversation it does not hold
 * ({@link NotHeldByAgentException}). Nothing was recorded.
 */
public abstract class ConversationStateException extends IllegalStateException {

    private final ConversationId conversationId;

    ConversationStateException(ConversationId conversationId, String message) {
        super(message);
        this.conversationId = conversationId;
    }

    public ConversationId conversationId() {
        return conversationId;
    }
}
