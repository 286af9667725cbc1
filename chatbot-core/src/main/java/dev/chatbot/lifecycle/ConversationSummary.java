package dev.chatbot.lifecycle;

import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One conversation in a line, for analysis: read from its whole log.
 *
 * @param ended when it was resolved (the last {@code Resolved}), or null while it is not closed
 * @param escalationReason why it was last escalated, or null if it never was
 * @param intentsAnswered the intents the bot answered, in order of their first answer
 * @param agent the last agent who claimed it, or null
 * @param feedback the customer's last feedback: {@code helpful}, {@code unhelpful}, or null when none was given
 * @param customerMessages how many messages the customer wrote
 * @param rating the customer's rating 1-5, or null when none was given
 * @param ratingComment the rating's comment (redacted; empty without one), or null when no rating was given
 */
public record ConversationSummary(
        String conversationId,
        String channel,
        Instant started,
        Instant ended,
        ConversationState state,
        EscalationReason escalationReason,
        List<String> intentsAnswered,
        String agent,
        String feedback,
        int customerMessages,
        Integer rating,
        String ratingComment) {

    /** The summary of a conversation's whole log (not empty). */
    public static ConversationSummary of(List<StoredEvent> log) {
        StoredEvent first = log.get(0);
        String channel = first.event() instanceof TranscriptEvent.ConversationStarted s ? s.channel() : null;
        Instant ended = null;
        EscalationReason reason = null;
        Set<String> intents = new LinkedHashSet<>();
        String agent = null;
        String feedback = null;
        int messages = 0;
        TranscriptEvent.ConversationRated rated = null;
        for (StoredEvent stored : log) {
            TranscriptEvent e = stored.event();
            if (e instanceof TranscriptEvent.MessageReceived) {
                messages++;
            } else if (e instanceof TranscriptEvent.BotAnswered a) {
                intents.add(a.intent().value());
            } else if (e instanceof TranscriptEvent.Escalated x) {
                reason = x.reason();
            } else if (e instanceof TranscriptEvent.Claimed c) {
                agent = c.agent().value();
            } else if (e instanceof TranscriptEvent.FeedbackGiven f) {
                feedback = f.helpful() ? "helpful" : "unhelpful";
            } else if (e instanceof TranscriptEvent.Resolved r) {
                ended = r.at();
            } else if (e instanceof TranscriptEvent.ConversationRated r) {
                rated = r;
            }
        }
        ConversationState state =
                SessionState.replay(first.conversationId(), log).state();
        return new ConversationSummary(
                first.conversationId().value(),
                channel,
                first.event().at(),
                state == ConversationState.CLOSED ? ended : null,
                state,
                reason,
                List.copyOf(intents),
                agent,
                feedback,
                messages,
                rated == null ? null : rated.score(),
                rated == null ? null : rated.comment());
    }
}
