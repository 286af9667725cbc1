package dev.chatbot.conversation;

import dev.chatbot.transcript.ConversationId;

/** The conversation was resolved (closed): it takes no more customer messages and cannot be resolved again. */
public final class ConversationClosedException extends ConversationStateException {

    public ConversationClosedException(ConversationId id) {
        super(id, "conversation " + id + " is closed");
    }
}
