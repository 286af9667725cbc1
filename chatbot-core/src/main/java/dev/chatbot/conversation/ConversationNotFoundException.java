package dev.chatbot.conversation;

import dev.chatbot.transcript.ConversationId;

/** No conversation with this id was started. */
public class ConversationNotFoundException extends RuntimeException {

    public ConversationNotFoundException(ConversationId id) {
        super("no such conversation: " + id);
    }
}
