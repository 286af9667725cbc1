package dev.chatbot.transcript;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What reports need to know of a whole conversation, derived from its log by folding the events like
 * {@link SessionState}: when it started and was last active, how many messages the customer wrote, whether a person
 * was needed (an {@code Escalated} or {@code Claimed} event, or resolved by an agent) and whether it was resolved. A
 * store may keep these beside the log so that a report need not read every log.
 */
public record ConversationFacts(
        ConversationId conversationId,
        Instant startedAt,
        Instant lastAt,
        int customerMessages,
        boolean handedOver,
        boolean resolved) {

    public ConversationFacts {
        Objects.requireNonNull(conversationId, "conversationId");
    }

    /** The facts of a conversation with no events yet. */
    public static ConversationFacts empty(ConversationId id) {
        return new ConversationFacts(id, null, null, 0, false, false);
    }

    /** The facts of a whole log (in order). */
    public static ConversationFacts of(ConversationId id, List<StoredEvent> log) {
        ConversationFacts facts = empty(id);
        for (StoredEvent e : log) {
            facts = facts.apply(e.event());
        }
        return facts;
    }

    /** The facts after one more event. */
    public ConversationFacts apply(TranscriptEvent event) {
        Instant started = startedAt == null ? event.at() : startedAt;
        int messages = customerMessages + (event instanceof TranscriptEvent.MessageReceived ? 1 : 0);
        boolean person = handedOver
                || event instanceof TranscriptEvent.Escalated
                || event instanceof TranscriptEvent.Claimed
                || event instanceof TranscriptEvent.Resolved r && r.agent() != null;
        boolean closed = resolved || event instanceof TranscriptEvent.Resolved;
        return new ConversationFacts(conversationId, started, event.at(), messages, person, closed);
    }
}
