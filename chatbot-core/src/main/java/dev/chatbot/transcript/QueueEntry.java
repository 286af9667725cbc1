package dev.chatbot.transcript;

import java.time.Instant;
import java.util.Objects;

/** A conversation waiting for an agent, since when, and why it was escalated. */
public record QueueEntry(ConversationId conversationId, Instant waitingSince, EscalationReason reason) {

    public QueueEntry {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(waitingSince, "waitingSince");
        Objects.requireNonNull(reason, "reason");
    }

    /** The queue entry of a session, if it is QUEUED. */
    public static java.util.Optional<QueueEntry> of(SessionState session) {
        return session.state() == ConversationState.QUEUED
                ? java.util.Optional.of(
                        new QueueEntry(session.conversationId(), session.waitingSince(), session.escalationReason()))
                : java.util.Optional.empty();
    }
}
