package dev.chatbot.conversation;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.util.List;
import java.util.Optional;

/**
 * The result of one customer message: the conversation's state afterwards, what the bot says (nothing
 * while an agent holds the conversation), and the escalation it caused, if any.
 */
public record Reply(
        ConversationId conversationId,
        ConversationState state,
        List<BotReply> replies,
        Optional<EscalationReason> escalation) {

    public Reply {
        replies = List.copyOf(replies);
    }

    /** The reply made of the bot's events in {@code events} (those recorded for one message). */
    static Reply of(ConversationId id, ConversationState state, List<StoredEvent> events) {
        List<BotReply> replies =
                events.stream().map(BotReply::of).flatMap(Optional::stream).toList();
        Optional<EscalationReason> escalation = events.stream()
                .map(StoredEvent::event)
                .filter(TranscriptEvent.Escalated.class::isInstance)
                .map(e -> ((TranscriptEvent.Escalated) e).reason())
                .findFirst();
        return new Reply(id, state, replies, escalation);
    }
}
