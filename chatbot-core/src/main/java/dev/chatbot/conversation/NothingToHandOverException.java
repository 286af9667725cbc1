package dev.chatbot.conversation;

import dev.chatbot.transcript.ConversationId;

/**
 * A request for a person in a conversation where the customer has not written anything yet: an agent would get an
 * empty conversation to claim, and a script could fill the queue with them at no cost. Nothing was recorded.
 */
public final class NothingToHandOverException extends ConversationStateException {

    NothingToHandOverException(ConversationId id) {
        super(id, "conversation " + id + " has no customer message yet: say what you need first");
    }
}
