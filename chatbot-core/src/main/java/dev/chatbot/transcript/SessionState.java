package dev.chatbot.transcript;

import dev.chatbot.transcript.TranscriptEvent.BotAnswered;
import dev.chatbot.transcript.TranscriptEvent.Claimed;
import dev.chatbot.transcript.TranscriptEvent.ClarificationOffered;
import dev.chatbot.transcript.TranscriptEvent.ConversationStarted;
import dev.chatbot.transcript.TranscriptEvent.Escalated;
import dev.chatbot.transcript.TranscriptEvent.FeedbackGiven;
import dev.chatbot.transcript.TranscriptEvent.HandedBack;
import dev.chatbot.transcript.TranscriptEvent.Resolved;
import dev.chatbot.transcript.TranscriptEvent.Transferred;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A conversation's state derived from its log by folding the events in order ({@link #apply}). The fold
 * enforces the log's rules: sequence numbers without gaps, {@code ConversationStarted} first, and the
 * handoff state machine of {@link ConversationState}.
 *
 * @param lastSequence sequence number of the last event applied (0 before the first)
 * @param agent the agent holding the conversation while AGENT, else null
 * @param waitingSince when the conversation joined the queue while QUEUED, else null
 * @param escalationReason why it was last escalated while QUEUED or AGENT, else null
 * @param misses clarifications offered plus unhelpful feedback since the bot (re)took the conversation
 * @param pendingClarification the options of a clarification the customer has not answered yet
 * @param team the team the conversation is routed to while QUEUED or AGENT (its escalation's or transfer's), else null
 * @param routedAgent the agent a transfer named while QUEUED or AGENT, else null
 * @param language the language its escalation was routed by (an unsupported language) while QUEUED or AGENT, else null
 */
public record SessionState(
        ConversationId conversationId,
        long lastSequence,
        ConversationState state,
        Instant startedAt,
        AgentId agent,
        Instant waitingSince,
        EscalationReason escalationReason,
        int misses,
        List<ClarificationOption> pendingClarification,
        String team,
        AgentId routedAgent,
        String language) {

    public SessionState {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(state, "state");
        pendingClarification = List.copyOf(pendingClarification);
    }

    /** The state of a conversation with no events yet. */
    public static SessionState empty(ConversationId id) {
        return new SessionState(id, 0, ConversationState.BOT, null, null, null, null, 0, List.of(), null, null, null);
    }

    /** Folds a whole log (in order) into its state. */
    public static SessionState replay(ConversationId id, List<StoredEvent> events) {
        return empty(id).applyAll(events);
    }

    public boolean exists() {
        return lastSequence > 0;
    }

    public SessionState applyAll(List<StoredEvent> events) {
        SessionState s = this;
        for (StoredEvent e : events) {
            s = s.apply(e);
        }
        return s;
    }

    /** The state after one more event; {@link IllegalStateException} if the event breaks the log's rules. */
    public SessionState apply(StoredEvent stored) {
        if (!stored.conversationId().equals(conversationId)) {
            throw new IllegalArgumentException("event of " + stored.conversationId() + " applied to " + conversationId);
        }
        if (stored.sequence() != lastSequence + 1) {
            throw new IllegalStateException("expected sequence " + (lastSequence + 1) + " in " + conversationId
                    + " but got " + stored.sequence());
        }
        TranscriptEvent event = stored.event();
        long seq = stored.sequence();
        if (event instanceof ConversationStarted started) {
            if (lastSequence != 0) {
                throw new IllegalStateException("ConversationStarted must be the first event of " + conversationId);
            }
            return new SessionState(
                    conversationId,
                    seq,
                    ConversationState.BOT,
                    started.at(),
                    null,
                    null,
                    null,
                    0,
                    List.of(),
                    null,
                    null,
                    null);
        }
        if (lastSequence == 0) {
            throw new IllegalStateException(
                    "the first event of " + conversationId + " must be ConversationStarted, not " + event.type());
        }
        ConversationState next = state.next(event);
        AgentId nextAgent = next == ConversationState.AGENT ? agent : null;
        Instant nextWaiting = next == ConversationState.QUEUED ? waitingSince : null;
        EscalationReason nextReason = next.withPerson() ? escalationReason : null;
        int nextMisses = misses;
        List<ClarificationOption> pending = pendingClarification;
        String nextTeam = next.withPerson() ? team : null;
        AgentId nextRoutedAgent = next.withPerson() ? routedAgent : null;
        String nextLanguage = next.withPerson() ? language : null;
        if (event instanceof Escalated e) {
            nextWaiting = e.at();
            nextReason = e.reason();
            pending = List.of();
            nextTeam = e.team();
            nextRoutedAgent = null;
            nextLanguage = e.language();
        } else if (event instanceof Transferred t) {
            nextWaiting = t.at();
            nextTeam = t.team();
            nextRoutedAgent = t.toAgent();
            nextLanguage = null;
        } else if (event instanceof Claimed c) {
            nextAgent = c.agent();
        } else if (event instanceof ClarificationOffered c) {
            pending = c.options();
            nextMisses++;
        } else if (event instanceof BotAnswered || event instanceof Resolved) {
            pending = List.of();
        } else if (event instanceof HandedBack) {
            nextMisses = 0;
            pending = List.of();
        } else if (event instanceof FeedbackGiven f && !f.helpful()) {
            nextMisses++;
        }
        return new SessionState(
                conversationId,
                seq,
                next,
                startedAt,
                nextAgent,
                nextWaiting,
                nextReason,
                nextMisses,
                pending,
                nextTeam,
                nextRoutedAgent,
                nextLanguage);
    }
}
