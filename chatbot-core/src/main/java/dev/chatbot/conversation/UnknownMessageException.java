package dev.chatbot.conversation;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;

/** A label names a customer message the conversation does not have; nothing was recorded. */
public final class UnknownMessageException extends IllegalArgumentException {

    UnknownMessageException(ConversationId id, MessageId message) {
        super("no customer message " + message + " in conversation " + id);
    }
}
