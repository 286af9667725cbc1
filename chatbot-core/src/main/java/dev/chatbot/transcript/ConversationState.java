package dev.chatbot.transcript;

import dev.chatbot.transcript.TranscriptEvent.AgentReplied;
import dev.chatbot.transcript.TranscriptEvent.BotAnswered;
import dev.chatbot.transcript.TranscriptEvent.Claimed;
import dev.chatbot.transcript.TranscriptEvent.ClarificationOffered;
import dev.chatbot.transcript.TranscriptEvent.Escalated;
import dev.chatbot.transcript.TranscriptEvent.FeedbackGiven;
import dev.chatbot.transcript.TranscriptEvent.HandedBack;
import dev.chatbot.transcript.TranscriptEvent.Labelled;
import dev.chatbot.transcript.TranscriptEvent.MarkedNotCovered;
import dev.chatbot.transcript.TranscriptEvent.MessageReceived;
import dev.chatbot.transcript.TranscriptEvent.NoticeSent;
import dev.chatbot.transcript.TranscriptEvent.Resolved;
import dev.chatbot.transcript.TranscriptEvent.Transferred;

/**
 * Who handles a conversation, and the handoff state machine: BOT → QUEUED (escalated) → AGENT (claimed)
 * → BOT (handed back), QUEUED (transferred) or CLOSED (resolved). While QUEUED or AGENT the bot never answers.
 */
public enum ConversationState {
    BOT,
    QUEUED,
    AGENT,
    CLOSED;

    /**
     * The state after {@code event}, or an {@link IllegalStateException} when the event is not allowed in
     * this state (for example a bot answer while an agent holds the conversation).
     */
    public ConversationState next(TranscriptEvent event) {
        ConversationState next = null;
        if (event instanceof MessageReceived || event instanceof NoticeSent) {
            next = this == CLOSED ? null : this;
        } else if (event instanceof BotAnswered || event instanceof ClarificationOffered) {
            next = this == BOT ? BOT : null;
        } else if (event instanceof Escalated) {
            next = this == BOT ? QUEUED : null;
        } else if (event instanceof Claimed) {
            next = this == QUEUED ? AGENT : null;
        } else if (event instanceof AgentReplied) {
            next = this == AGENT ? AGENT : null;
        } else if (event instanceof Labelled || event instanceof MarkedNotCovered || event instanceof FeedbackGiven) {
            next = this;
        } else if (event instanceof TranscriptEvent.ConversationRated) {
            next = this == CLOSED ? CLOSED : null;
        } else if (event instanceof Resolved) {
            next = this == CLOSED ? null : CLOSED;
        } else if (event instanceof HandedBack) {
            next = this == AGENT ? BOT : null;
        } else if (event instanceof Transferred) {
            next = this == AGENT ? QUEUED : null;
        }
        // ConversationStarted stays null: it is only valid as the first event (checked by SessionState).
        if (next == null) {
            throw new IllegalStateException(event.type() + " is not allowed in state " + this);
        }
        return next;
    }

    /** True while a person is responsible (queued or claimed): the bot stays silent. */
    public boolean withPerson() {
        return this == QUEUED || this == AGENT;
    }
}
