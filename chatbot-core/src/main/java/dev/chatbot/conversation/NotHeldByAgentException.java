package dev.chatbot.conversation;

import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;

/** Only the agent holding a conversation may reply to it, hand it back, or resolve it while it is AGENT. */
public final class NotHeldByAgentException extends ConversationStateException {

    NotHeldByAgentException(ConversationId id, AgentId agent, ConversationState state) {
        super(id, "conversation " + id + " is not held by " + agent + " (state " + state + ")");
    }
}
