package dev.chatbot.conversation;

import dev.chatbot.transcript.ConversationId;

/** A rating the conversation does not take: it is not closed yet, or it was rated already. Nothing was recorded. */
public final class RatingRefusedException extends ConversationStateException {

    public RatingRefusedException(ConversationId conversationId, String message) {
        super(conversationId, message);
    }
}
